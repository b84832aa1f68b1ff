#pragma once
// Accepts clients on one socket and serves each on the single Asio thread. Every connection
// holds the broker awake; stop_accepting() begins a clean exit: queued clients stay in the
// listening socket's backlog for the next instance, accepted ones are finished.
//
// Descriptors are bounded (connection_limits.hpp): an unprivileged client over its user's or
// the overall share is told `busy` and closed at once. When accept itself fails (out of
// descriptors), accepting pauses and is retried on a timer, with one log line per episode:
// the listening socket stays readable, so retrying at once would spin and flood the log.
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <optional>

#include "broker/server/connection_limits.hpp"
#include "broker/server/handler.hpp"
#include "broker/server/idle_exit.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::server {

struct ServerOptions {
  // A client must send a complete line within this time after connecting or after its
  // previous response; a silent client must not keep the broker alive.
  std::chrono::milliseconds read_timeout{10000};
  // After accept failed (e.g. EMFILE): the pause before the next try.
  std::chrono::milliseconds accept_retry{100};
  // Refusals are logged at most once per this interval, with the number left out.
  std::chrono::milliseconds refusal_log_interval{10000};
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
  void on_accept_error(const boost::system::error_code& ec);
  void start_connection(boost::asio::local::stream_protocol::socket socket);
  void refuse(boost::asio::local::stream_protocol::socket socket, const std::string& why);

  boost::asio::io_context& io_;
  Handler& handler_;
  IdleExit& idle_;
  ServerOptions options_;
  ConnectionLimits limits_;
  std::optional<boost::asio::local::stream_protocol::acceptor> acceptor_;
  boost::asio::steady_timer retry_;
  bool stopping_ = false;
  // The accept failure being waited out, logged once; cleared by the next success.
  std::optional<std::chrono::steady_clock::time_point> accept_failing_since_;
  std::chrono::steady_clock::time_point last_refusal_log_{};
  std::size_t refusals_not_logged_ = 0;
};

}  // namespace mb::broker::server
