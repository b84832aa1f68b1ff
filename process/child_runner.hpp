#pragma once
// Runs helpers (mount helpers, health probes, unmounts) as child processes from the Asio loop.
// No child may hang the broker: at its deadline a child's process group gets SIGTERM, after
// the grace SIGKILL, and a child still there after `abandon_after` is stuck in the kernel
// (state D, e.g. a stat on a dead share): it is reported as abandoned and no longer watched,
// so the broker can still exit.
//
// The broker must not ignore SIGCHLD (the kernel would reap children before the runner can).
#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::process {

// PATH plus the C locale, so helpers' messages come in English for error classification.
std::vector<std::string> minimal_env();

// Bytes delivered on a pipe whose read end is descriptor `fd` in the child: mount.cifs reads
// its password from the descriptor named by PASSWD_FD. Never on a command line or in env.
struct SecretPipe {
  int fd = 3;        // 3..255
  std::string data;  // written exactly (no newline added), then the pipe is closed
};

struct Spec {
  // argv[0]: an absolute path, or a bare name looked up in the PATH of `env`.
  std::vector<std::string> argv;
  std::vector<std::string> env = minimal_env();  // the child's complete environment
  std::optional<std::string> stdin_data;         // else stdin is /dev/null
  std::optional<SecretPipe> secret;
  std::chrono::milliseconds deadline{30000};      // then SIGTERM to the process group
  std::chrono::milliseconds kill_grace{2000};     // then `kill_signal` to the group
  std::chrono::milliseconds abandon_after{5000};  // then reported abandoned, no longer watched
  std::size_t capture_limit = 64 * 1024;          // per stream; the rest is read and dropped
  bool new_session = false;  // setsid: a FUSE daemon left behind must outlive the broker
  // For a helper that stays in the foreground (rclone mount): no deadline; the caller ends
  // the watch with release() once the mount shows up, or terminate(). Its output goes to an
  // unlinked temporary file instead of a pipe, so it can keep logging after release.
  bool detach = false;
  // Only tests change this (to SIGTERM): a child that survives it takes the abandon path,
  // which a real state-D child cannot be made to take in a unit test.
  int kill_signal = SIGKILL;
};

enum class Ending {
  exited,        // exit_code
  signalled,     // signal
  abandoned,     // still not gone abandon_after after kill_signal: stuck in the kernel
  spawn_failed,  // error
};

struct Outcome {
  pid_t pid = -1;
  Ending ending = Ending::spawn_failed;
  int exit_code = -1;
  int signal = 0;
  bool timed_out = false;   // the deadline passed and the runner signalled the group
  bool terminated = false;  // terminate() was called
  std::string error;        // why the spawn failed
  std::string out, err;     // captured, at most capture_limit bytes each
  bool out_truncated = false, err_truncated = false;
  std::chrono::milliseconds duration{0};  // start to exit (or to abandonment)

  bool succeeded() const { return ending == Ending::exited && exit_code == 0 && !timed_out; }
  // "exited with status 32", "timed out; killed by signal 9 (Killed)", ... for logs.
  std::string describe() const;
};

class ChildRunner {
 public:
  explicit ChildRunner(boost::asio::io_context& io);
  // Releases every child still watched (they keep running); no callback runs afterwards.
  ~ChildRunner();
  ChildRunner(const ChildRunner&) = delete;
  ChildRunner& operator=(const ChildRunner&) = delete;

  // Starts the child; `done` runs exactly once, later, on the io_context: after the child
  // exited and its output reached EOF (or ~200 ms later, when a daemon it left holds the
  // pipes), or when it is abandoned. A failed start returns the error and also reports it
  // through `done` (Ending::spawn_failed), so callers need only one path for results.
  // stdin_data and the secret are wiped from `spec` and from the runner once written.
  util::Result<pid_t> run(Spec spec, std::function<void(Outcome)> done);
  // Stops watching the child on purpose (it keeps running); `done` is not called.
  void release(pid_t pid);
  // Starts the deadline sequence now (SIGTERM, grace, kill_signal, abandon); `done` reports
  // how it ended with `terminated` set. For a detached helper the caller gave up on.
  void terminate(pid_t pid);

  std::size_t running() const { return children_.size(); }  // children still watched
  std::size_t abandoned() const { return abandoned_; }      // given up on, stuck in the kernel
  // Abandoned children that have not exited yet. Each call first reaps those that have since
  // exited (as does every run()), so none stays a zombie for the broker's lifetime.
  std::size_t stuck();

 private:
  struct Child;
  void forget(pid_t pid);
  void reap_stuck();
  void report_spawn_failure(std::string message, std::function<void(Outcome)> done);

  boost::asio::io_context& io_;
  std::map<pid_t, std::shared_ptr<Child>> children_;
  std::size_t abandoned_ = 0;
  // Abandoned children, by pid, with their exit descriptor: reaped once they exit.
  std::map<pid_t, util::UniqueFd> stuck_;
  std::shared_ptr<int> alive_;  // posted callbacks check it: none runs after destruction
};

}  // namespace mb::process
