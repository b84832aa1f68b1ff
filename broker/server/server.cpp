#include "broker/server/server.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <boost/asio/write.hpp>
#include <memory>

#include "broker/server/connection.hpp"
#include "proto/codec.hpp"

namespace mb::broker::server {

namespace asio = boost::asio;
using asio::local::stream_protocol;

namespace {

Limits current_limits() {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0) return limits_for(1024);
  return limits_for(rl.rlim_cur);
}

// Failures that say nothing about the next connection: try the next one at once.
bool transient(const boost::system::error_code& ec) {
  return ec == asio::error::connection_aborted || ec == asio::error::interrupted ||
         ec == asio::error::would_block || ec == asio::error::try_again;
}

std::string refusal_text(ConnectionLimits::Verdict v, const platform::PeerCredentials& peer,
                         const Limits& limits) {
  if (v == ConnectionLimits::Verdict::over_per_uid)
    return "too many connections from uid " + std::to_string(peer.uid) + " (at most " +
           std::to_string(limits.per_uid) + " at once); close one and try again";
  return "too many connections from users other than root and the admin group (at most " +
         std::to_string(limits.total) + " at once); try again in a moment";
}

}  // namespace

Server::Server(asio::io_context& io, Handler& handler, IdleExit& idle, ServerOptions options)
    : io_(io),
      handler_(handler),
      idle_(idle),
      options_(options),
      limits_(current_limits()),
      retry_(io) {}

void Server::listen(util::UniqueFd listening) {
  acceptor_.emplace(io_, stream_protocol(), listening.release());
  accept_next();
}

void Server::serve_one(util::UniqueFd connected) {
  stream_protocol::socket socket(io_, stream_protocol(), connected.release());
  start_connection(std::move(socket));
}

void Server::stop_accepting() {
  stopping_ = true;
  retry_.cancel();
  if (acceptor_) {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
  }
}

void Server::accept_next() {
  if (stopping_ || !acceptor_) return;
  acceptor_->async_accept(
      [this](const boost::system::error_code& ec, stream_protocol::socket socket) {
        if (ec == asio::error::operation_aborted) return;
        if (ec && !transient(ec)) return on_accept_error(ec);
        if (!ec) {
          if (accept_failing_since_) {
            const auto paused = std::chrono::steady_clock::now() - *accept_failing_since_;
            spdlog::info("accepting clients again after {} ms",
                         std::chrono::duration_cast<std::chrono::milliseconds>(paused).count());
            accept_failing_since_.reset();
          }
          // A connection accepted just before stop_accepting() is still served.
          start_connection(std::move(socket));
        }
        accept_next();
      });
}

// EMFILE, ENFILE, ENOBUFS, ENOMEM...: the connection stays in the backlog. Retry after a pause
// (a descriptor frees when a client or child finishes), logging the episode once.
void Server::on_accept_error(const boost::system::error_code& ec) {
  if (!accept_failing_since_) {
    accept_failing_since_ = std::chrono::steady_clock::now();
    spdlog::warn(
        "accept failed: {}; clients wait in the backlog, retrying every {} ms (logged once)",
        ec.message(), options_.accept_retry.count());
  }
  retry_.expires_after(options_.accept_retry);
  retry_.async_wait([this](const boost::system::error_code& wait_ec) {
    if (!wait_ec) accept_next();
  });
}

void Server::start_connection(stream_protocol::socket socket) {
  platform::PeerCredentials peer;
  if (auto creds = platform::peer_credentials(socket.native_handle()))
    peer = *creds;
  else  // unknown peers are treated as unprivileged (uid -1), never as root
    spdlog::warn("client: cannot read peer credentials: {}", creds.error());
  ConnectionLimits::Slot slot;
  // Root at once; for anyone else the group lookup is done only when a bound would refuse them
  // (most connections need none). An admin within the bounds is counted like anyone.
  auto verdict = limits_.admit(peer.uid, peer.uid == 0, slot);
  if (verdict != ConnectionLimits::Verdict::admitted && handler_.privileged(peer))
    verdict = limits_.admit(peer.uid, true, slot);
  if (verdict != ConnectionLimits::Verdict::admitted)
    return refuse(std::move(socket), refusal_text(verdict, peer, limits_.limits()));
  auto conn = std::make_shared<Connection>(std::move(socket), handler_, idle_.hold(),
                                           options_.read_timeout, peer, std::move(slot));
  conn->start();
}

// One `busy` line and the connection is closed: its descriptor is free again at once. A flood
// of refusals is logged at most once per interval.
void Server::refuse(stream_protocol::socket socket, const std::string& why) {
  const auto now = std::chrono::steady_clock::now();
  ++refusals_not_logged_;
  if (now - last_refusal_log_ >= options_.refusal_log_interval) {
    spdlog::warn("client refused: {} ({} refused since the last such line)", why,
                 refusals_not_logged_);
    last_refusal_log_ = now;
    refusals_not_logged_ = 0;
  }
  auto s = std::make_shared<stream_protocol::socket>(std::move(socket));
  auto line = std::make_shared<std::string>(
      proto::encode(proto::error_response({proto::ErrorCode::busy, why, 0})));
  asio::async_write(*s, asio::buffer(*line),
                    [s, line](const boost::system::error_code&, std::size_t) {
                      boost::system::error_code ignored;
                      s->shutdown(asio::socket_base::shutdown_both, ignored);
                      s->close(ignored);
                    });
}

}  // namespace mb::broker::server
