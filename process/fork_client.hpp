#pragma once
// The broker's end of its fork server (platform/fork_server.hpp), on the Asio loop: sends a
// request and hands the child's pid to a callback once the server answers. Nothing here
// waits: a request that cannot be sent at once (the server is gone or behind) fails at once
// and the caller spawns instead. The channel is watched only while answers are due, so an
// idle client never keeps io.run() from returning.
#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "platform/fork_server.hpp"
#include "util/result.hpp"

namespace mb::process {

class ForkClient {
 public:
  using Reply = std::function<void(util::Result<pid_t>)>;

  ForkClient(boost::asio::io_context& io, platform::ForkServer server);
  // Ends the server (it holds nothing; its children are ours and unaffected). No callback
  // runs afterwards.
  ~ForkClient();
  ForkClient(const ForkClient&) = delete;
  ForkClient& operator=(const ForkClient&) = delete;

  // False once the server is gone: every later child is spawned.
  bool available() const { return !gone_; }
  // Asks for a child running `argv` ({self, "--internal", ...}) with `env`, `out` and `err`
  // as its stdout and stderr (the caller keeps and closes its copies). `reply` runs later,
  // once, with the pid or the reason; an error returned here means it never runs.
  util::Status fork(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                    int out, int err, Reply reply);
  std::size_t waiting() const { return pending_.size(); }

 private:
  void wait_replies();
  void on_readable();
  void fail_all(const std::string& why);

  boost::asio::posix::stream_descriptor channel_;
  pid_t server_ = -1;
  std::deque<std::pair<std::uint64_t, Reply>> pending_;
  std::uint64_t next_seq_ = 1;
  bool watching_ = false;
  bool gone_ = false;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace mb::process
