#pragma once
// One client: reads a line, answers it, repeats until the client closes. Bad input gets an
// error response and the connection is closed; nothing a client sends can hurt the broker.
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>

#include "broker/platform/peer_credentials.hpp"
#include "broker/server/handler.hpp"
#include "broker/server/idle_exit.hpp"

namespace mb::broker::server {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::local::stream_protocol::socket socket, Handler& handler,
             IdleExit::Hold hold, std::chrono::milliseconds read_timeout);
  void start();

 private:
  void read_next();
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void answer(const std::string& line);
  void send(std::string bytes, bool close_after);
  void close();

  boost::asio::local::stream_protocol::socket socket_;
  boost::asio::steady_timer deadline_;
  Handler& handler_;
  IdleExit::Hold hold_;
  std::chrono::milliseconds read_timeout_;
  std::string in_;
  std::string out_;
  platform::PeerCredentials peer_;
  bool peer_known_ = false;
};

}  // namespace mb::broker::server
