#include "broker/server/server.hpp"

#include <spdlog/spdlog.h>

#include "broker/server/connection.hpp"

namespace mb::broker::server {

namespace asio = boost::asio;
using asio::local::stream_protocol;

Server::Server(asio::io_context& io, Handler& handler, IdleExit& idle, ServerOptions options)
    : io_(io), handler_(handler), idle_(idle), options_(options) {}

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
  if (acceptor_) {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
  }
}

void Server::accept_next() {
  if (stopping_ || !acceptor_) return;
  acceptor_->async_accept(
      [this](const boost::system::error_code& ec, stream_protocol::socket socket) {
        // A connection accepted just before stop_accepting() is still served.
        if (!ec)
          start_connection(std::move(socket));
        else if (ec != asio::error::operation_aborted)
          spdlog::warn("accept failed: {}", ec.message());
        accept_next();
      });
}

void Server::start_connection(stream_protocol::socket socket) {
  auto conn = std::make_shared<Connection>(std::move(socket), handler_, idle_.hold(),
                                           options_.read_timeout);
  conn->start();
}

}  // namespace mb::broker::server
