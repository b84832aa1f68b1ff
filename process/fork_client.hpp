#pragma once
// The broker's end of its fork server (platform/fork_server.hpp), on the Asio loop: sends a
// request and hands the child's pid to a callback once the server answers. Nothing here
// waits: a request that cannot be sent at once (the server is gone or behind) fails at once
// and the caller spawns instead. The channel is watched only while answers are due, so an
// idle client never keeps io.run() from returning.
//
// The server may be started late (the lazy constructor): on the first child asked of it, or
// when the caller is about to read a secret or start a thread (start()), whichever comes
// first, so a process that never needs a child (a broker answering `status`) never forks it.
// It is still forked while the caller is single threaded and holds no password.
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

  using Starter = std::function<util::Result<platform::ForkServer>()>;

  ForkClient(boost::asio::io_context& io, platform::ForkServer server);
  // Lazy: `starter` runs once, at the first start() or fork().
  ForkClient(boost::asio::io_context& io, Starter starter);
  // Ends the server (it holds nothing; its children are ours and unaffected). No callback
  // runs afterwards.
  ~ForkClient();
  ForkClient(const ForkClient&) = delete;
  ForkClient& operator=(const ForkClient&) = delete;

  // Starts the server now if it was not started (or tried) yet. Call before anything that a
  // server must not inherit: a password read into memory, a second thread. True while the
  // server is usable, false once it is gone or could not start (children are spawned).
  bool start();
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
  void adopt(platform::ForkServer server);

  boost::asio::posix::stream_descriptor channel_;
  pid_t server_ = -1;
  Starter starter_;  // empty once run (or when constructed with a server)
  std::deque<std::pair<std::uint64_t, Reply>> pending_;
  std::uint64_t next_seq_ = 1;
  bool watching_ = false;
  bool gone_ = false;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace mb::process
