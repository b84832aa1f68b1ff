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
#include <cstddef>
#include <functional>
#include <map>
#include <memory>

#include "process/child_spec.hpp"
#include "process/outcome.hpp"
#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::process {

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
