#include "broker/server/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "proto/codec.hpp"

namespace mb::broker::server {

namespace asio = boost::asio;

// Hands a request's answer back to its connection. It keeps the connection alive until the
// answer is sent: while an operation waits for a child, nothing else references it.
class Connection::Reply : public Responder {
 public:
  Reply(std::shared_ptr<Connection> c, std::uint64_t id) : conn_(std::move(c)), id_(id) {}
  void event(const proto::Event& e) override {
    if (!conn_) return;
    proto::Event copy = e;
    copy.id = id_;
    conn_->send(proto::encode(copy), Then::nothing);
  }
  void finish(proto::Response r) override {
    if (!conn_) return;
    r.id = id_;
    conn_->send(proto::encode(r), conn_->following_ ? Then::close : Then::read);
    conn_.reset();
  }
  void follow(std::function<void()> on_hangup) override {
    if (conn_) conn_->watch_hangup(std::move(on_hangup));
  }
  ~Reply() override {
    // An operation that forgot to answer must not leave the client hanging.
    if (conn_)
      finish({id_, proto::ErrorBody{proto::ErrorCode::internal,
                                    "the operation ended without an answer"}});
  }

 private:
  std::shared_ptr<Connection> conn_;
  std::uint64_t id_;
};

Connection::Connection(asio::local::stream_protocol::socket socket, Handler& handler,
                       IdleExit::Hold hold, std::chrono::milliseconds read_timeout,
                       platform::PeerCredentials peer, ConnectionLimits::Slot slot)
    : socket_(std::move(socket)),
      deadline_(socket_.get_executor()),
      handler_(handler),
      hold_(std::move(hold)),
      read_timeout_(read_timeout),
      peer_(std::move(peer)),
      slot_(std::move(slot)) {}

void Connection::start() {
  read_next();
}

void Connection::read_next() {
  if (closed_) return;
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

void Connection::watch_hangup(std::function<void()> on_hangup) {
  if (closed_ || following_) return;
  following_ = true;
  socket_.async_read_some(asio::buffer(&hangup_byte_, 1),
                          [self = shared_from_this(), on_hangup = std::move(on_hangup)](
                              const boost::system::error_code&, std::size_t) {
                            self->close();
                            on_hangup();
                          });
}

void Connection::on_read(const boost::system::error_code& ec, std::size_t n) {
  deadline_.cancel();
  if (ec == asio::error::not_found) {
    // The buffer filled without a newline: the line is over the limit.
    auto resp = proto::error_response(
        {proto::ErrorCode::oversize,
         "message exceeds the " + std::to_string(proto::kMaxMessage) + "-byte limit", 0});
    send(proto::encode(resp), Then::close);
    return;
  }
  if (ec == asio::error::eof && !in_.empty()) {
    // A last request without its newline: answer it anyway.
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
    send(proto::encode(proto::error_response(*err)), Then::close);
    return;
  }
  const auto& request = std::get<proto::Request>(decoded);
  auto reply = std::make_shared<Reply>(shared_from_this(), request.id);
  try {
    handler_.handle(request, peer_, reply);
  } catch (const std::exception& e) {
    // Exceptions do not cross the loop: the client learns of it, the broker keeps serving.
    spdlog::error("client pid {}: {} failed: {}", peer_.pid,
                  proto::to_string(proto::op_of(request.body)), e.what());
    reply->finish({request.id, proto::ErrorBody{proto::ErrorCode::internal, e.what()}});
  }
}

void Connection::send(std::string bytes, Then then) {
  if (closed_) return;
  out_.emplace_back(std::move(bytes), then);
  if (out_.size() == 1) write_front();
}

void Connection::write_front() {
  asio::async_write(socket_, asio::buffer(out_.front().first),
                    [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                      if (ec || self->closed_) {
                        self->close();
                        return;
                      }
                      Then then = self->out_.front().second;
                      self->out_.pop_front();
                      if (then == Then::close) return self->close();
                      if (then == Then::read) self->read_next();
                      if (!self->out_.empty()) self->write_front();
                    });
}

void Connection::close() {
  if (closed_) return;
  closed_ = true;
  // A client that left no longer holds the broker, even while an operation still holds this
  // object (a monitor is dropped only at its next event).
  hold_ = IdleExit::Hold();
  slot_ = ConnectionLimits::Slot();
  boost::system::error_code ignored;
  deadline_.cancel();
  socket_.shutdown(asio::socket_base::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace mb::broker::server
