#pragma once
// Accepts clients on one socket and serves each on the single Asio thread. Every connection
// holds the broker awake; stop_accepting() begins a clean exit: queued clients stay in the
// listening socket's backlog for the next instance, accepted ones are finished.
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <chrono>
#include <optional>

#include "broker/server/handler.hpp"
#include "broker/server/idle_exit.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::server {

struct ServerOptions {
  // A client must send a complete line within this time after connecting or after its
  // previous response; a silent client must not keep the broker alive.
  std::chrono::milliseconds read_timeout{10000};
};

class Server {
 public:
  Server(boost::asio::io_context& io, Handler& handler, IdleExit& idle, ServerOptions options);

  void listen(util::UniqueFd listening);
  // inetd nowait / Accept=yes: the service manager accepted for us.
  void serve_one(util::UniqueFd connected);
  void stop_accepting();

 private:
  void accept_next();
  void start_connection(boost::asio::local::stream_protocol::socket socket);

  boost::asio::io_context& io_;
  Handler& handler_;
  IdleExit& idle_;
  ServerOptions options_;
  std::optional<boost::asio::local::stream_protocol::acceptor> acceptor_;
  bool stopping_ = false;
};

}  // namespace mb::broker::server
