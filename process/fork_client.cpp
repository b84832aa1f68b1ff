#include "process/fork_client.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>

#include <utility>

#include "util/errno_text.hpp"

namespace mb::process {

ForkClient::ForkClient(boost::asio::io_context& io, platform::ForkServer server) : channel_(io) {
  adopt(std::move(server));
}

ForkClient::ForkClient(boost::asio::io_context& io, Starter starter)
    : channel_(io), starter_(std::move(starter)) {}

bool ForkClient::start() {
  if (!starter_) return !gone_;
  auto started = std::exchange(starter_, nullptr)();
  if (!started) {
    spdlog::warn("{}; children are spawned", started.error());
    gone_ = true;
    return false;
  }
  adopt(std::move(*started));
  return !gone_;
}

void ForkClient::adopt(platform::ForkServer server) {
  server_ = server.pid;
  boost::system::error_code ec;
  channel_.assign(server.channel.get(), ec);
  if (ec) {
    gone_ = true;  // the descriptor closes with `server`; the server sees EOF and exits
    return;
  }
  server.channel.release();
}

ForkClient::~ForkClient() {
  boost::system::error_code ignored;
  channel_.close(ignored);
  // The server would exit on EOF; SIGKILL makes that certain even if it was stopped, and it
  // holds nothing that could keep it in the kernel, so the wait is short.
  if (server_ > 0) {
    ::kill(server_, SIGKILL);
    ::waitpid(server_, nullptr, 0);
  }
}

util::Status ForkClient::fork(const std::vector<std::string>& argv,
                              const std::vector<std::string>& env, int out, int err, Reply reply) {
  if (!start()) return util::error("fork server: gone");
  platform::ForkRequest request{next_seq_, argv, env};
  auto sent = platform::send_fork_request(channel_.native_handle(), request, out, err);
  if (!sent) {
    // A full channel is for this request only; a server that has exited is for good.
    if (server_ > 0 && ::waitpid(server_, nullptr, WNOHANG) == server_) {
      server_ = -1;
      fail_all(sent.error());
    }
    return sent;
  }
  pending_.emplace_back(next_seq_++, std::move(reply));
  wait_replies();
  return util::ok_status();
}

void ForkClient::wait_replies() {
  if (watching_ || pending_.empty() || gone_) return;
  watching_ = true;
  channel_.async_wait(boost::asio::posix::descriptor_base::wait_read,
                      [this, alive = std::weak_ptr<int>(alive_)](boost::system::error_code ec) {
                        if (ec || !alive.lock()) return;
                        watching_ = false;
                        on_readable();
                      });
}

void ForkClient::on_readable() {
  std::weak_ptr<int> alive = alive_;
  while (!pending_.empty()) {
    auto got = platform::receive_fork_reply(channel_.native_handle());
    if (!got) return fail_all(got.error());
    if (!*got) break;
    auto [seq, reply] = std::move(pending_.front());
    pending_.pop_front();
    if ((*got)->seq != seq) {
      pending_.emplace_front(seq, std::move(reply));
      return fail_all("fork server: answers out of order");
    }
    if ((*got)->pid > 0)
      reply((*got)->pid);
    else
      reply(util::error(util::errno_text("fork server: fork", (*got)->error)));
    if (!alive.lock()) return;  // the callback ended the client
  }
  wait_replies();
}

// Every waiting request is told; their callers spawn instead.
void ForkClient::fail_all(const std::string& why) {
  spdlog::warn("{}; children are spawned from now on", why);
  gone_ = true;
  boost::system::error_code ignored;
  channel_.close(ignored);
  if (server_ > 0 && ::waitpid(server_, nullptr, WNOHANG) == server_) server_ = -1;
  auto waiting = std::move(pending_);
  pending_.clear();
  std::weak_ptr<int> alive = alive_;
  for (auto& [seq, reply] : waiting) {
    reply(util::error(why));
    if (!alive.lock()) return;
  }
}

}  // namespace mb::process
