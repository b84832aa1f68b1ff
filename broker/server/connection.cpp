#include "broker/server/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "proto/codec.hpp"

namespace mb::broker::server {

namespace asio = boost::asio;

Connection::Connection(asio::local::stream_protocol::socket socket, Handler& handler,
                       IdleExit::Hold hold, std::chrono::milliseconds read_timeout)
    : socket_(std::move(socket)),
      deadline_(socket_.get_executor()),
      handler_(handler),
      hold_(std::move(hold)),
      read_timeout_(read_timeout) {}

void Connection::start() {
  auto creds = platform::peer_credentials(socket_.native_handle());
  if (creds) {
    peer_ = *creds;
    peer_known_ = true;
  } else {
    // Unknown peers are treated as unprivileged (uid -1), never as root.
    spdlog::warn("client: cannot read peer credentials: {}", creds.error());
  }
  read_next();
}

void Connection::read_next() {
  deadline_.expires_after(read_timeout_);
  deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec) {
      spdlog::debug("client pid {}: no request within the read deadline; closing", self->peer_.pid);
      self->close();
    }
  });
  asio::async_read_until(socket_, asio::dynamic_buffer(in_, proto::kMaxMessage), '\n',
                         [self = shared_from_this()](const boost::system::error_code& ec,
                                                     std::size_t n) { self->on_read(ec, n); });
}

void Connection::on_read(const boost::system::error_code& ec, std::size_t n) {
  deadline_.cancel();
  if (ec == asio::error::not_found) {
    // The buffer filled without a newline: the line is over the limit.
    auto resp = proto::error_response(
        {proto::ErrorCode::oversize,
         "message exceeds the " + std::to_string(proto::kMaxMessage) + "-byte limit", 0});
    send(proto::encode(resp), true);
    return;
  }
  if (ec == asio::error::eof && !in_.empty()) {
    // A last request without its newline: answer it anyway, then close.
    std::string line = std::move(in_);
    in_.clear();
    answer(line);
    return;
  }
  if (ec) {
    close();
    return;
  }
  std::string line = in_.substr(0, n);
  in_.erase(0, n);
  answer(line);
}

void Connection::answer(const std::string& line) {
  auto decoded = proto::decode_request(line);
  if (auto* err = std::get_if<proto::DecodeError>(&decoded)) {
    spdlog::warn("client pid {}: rejected request: {}: {}", peer_.pid, proto::to_string(err->code),
                 err->message);
    send(proto::encode(proto::error_response(*err)), true);
    return;
  }
  const auto& request = std::get<proto::Request>(decoded);
  proto::Response response;
  try {
    response = handler_.handle(request, peer_);
  } catch (const std::exception& e) {
    // Exceptions do not cross the loop: the client learns of it, the broker keeps serving.
    spdlog::error("client pid {}: {} failed: {}", peer_.pid,
                  proto::to_string(proto::op_of(request.body)), e.what());
    response = proto::Response{request.id, proto::ErrorBody{proto::ErrorCode::internal, e.what()}};
  }
  send(proto::encode(response), false);
}

void Connection::send(std::string bytes, bool close_after) {
  out_ = std::move(bytes);
  asio::async_write(socket_, asio::buffer(out_),
                    [self = shared_from_this(), close_after](const boost::system::error_code& ec,
                                                             std::size_t) {
                      if (ec || close_after) {
                        self->close();
                        return;
                      }
                      self->read_next();
                    });
}

void Connection::close() {
  boost::system::error_code ignored;
  deadline_.cancel();
  socket_.shutdown(asio::socket_base::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace mb::broker::server
