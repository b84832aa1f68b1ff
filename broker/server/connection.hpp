#pragma once
// One client: reads a request, answers it (possibly later, with events first), then reads the
// next, until the client closes. Bad input gets an error response and the connection is
// closed; nothing a client sends can hurt the broker.
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <memory>
#include <string>

#include "broker/server/connection_limits.hpp"
#include "broker/server/handler.hpp"
#include "broker/server/idle_exit.hpp"
#include "platform/peer_credentials.hpp"

namespace mb::broker::server {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `peer` as the server read it when it admitted the connection; `slot` is its place in the
  // connection limits, given back when the connection ends.
  Connection(boost::asio::local::stream_protocol::socket socket, Handler& handler,
             IdleExit::Hold hold, std::chrono::milliseconds read_timeout,
             platform::PeerCredentials peer, ConnectionLimits::Slot slot);
  void start();

 private:
  class Reply;
  friend class Reply;

  void read_next();
  // While a followed request streams: any byte or the end of the stream means the client left.
  void watch_hangup(std::function<void()> on_hangup);
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void answer(const std::string& line);
  // Queues a line; after it is written, `then` decides what happens next.
  enum class Then { nothing, read, close };
  void send(std::string bytes, Then then);
  void write_front();
  void close();

  boost::asio::local::stream_protocol::socket socket_;
  boost::asio::steady_timer deadline_;
  Handler& handler_;
  IdleExit::Hold hold_;
  std::chrono::milliseconds read_timeout_;
  std::string in_;
  std::deque<std::pair<std::string, Then>> out_;
  bool closed_ = false;
  bool following_ = false;
  char hangup_byte_ = 0;
  platform::PeerCredentials peer_;
  ConnectionLimits::Slot slot_;
};

}  // namespace mb::broker::server
