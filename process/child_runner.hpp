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
#include "process/fork_client.hpp"
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
  // A forkable spec (Spec::forkable) goes to the fork server when one is in use: then the
  // pid is not known yet and 0 is returned.
  util::Result<pid_t> run(Spec spec, std::function<void(Outcome)> done);
  // Forkable children are asked of this fork server from now on (nullptr: spawned again).
  // It must outlive the runner.
  void use(ForkClient* forks) { forks_ = forks; }
  // Starts a lazy fork server now (ForkClient::start): before a password is read into
  // memory or a thread is started, neither of which the server may inherit.
  void start_forks() {
    if (forks_) forks_->start();
  }
  // Stops watching the child on purpose (it keeps running); `done` is not called.
  void release(pid_t pid);
  // Starts the deadline sequence now (SIGTERM, grace, kill_signal, abandon); `done` reports
  // how it ended with `terminated` set. For a detached helper the caller gave up on.
  void terminate(pid_t pid);

  // Children still watched, those the fork server has not started yet included.
  std::size_t running() const { return children_.size() + starting_.size(); }
  std::size_t abandoned() const { return abandoned_; }  // given up on, stuck in the kernel
  // Abandoned children that have not exited yet. Each call first reaps those that have since
  // exited (as does every run()), so none stays a zombie for the broker's lifetime.
  std::size_t stuck();

 private:
  struct Child;
  void forget(pid_t pid);
  void forget(const Child* starting) { starting_.erase(starting); }
  // A forked child that arrived after its caller gave up on it: killed, reaped later.
  void orphan(pid_t pid);
  void reap_stuck();
  void report_spawn_failure(std::string message, std::function<void(Outcome)> done);

  boost::asio::io_context& io_;
  std::map<pid_t, std::shared_ptr<Child>> children_;
  std::map<const Child*, std::shared_ptr<Child>> starting_;  // asked of the fork server
  ForkClient* forks_ = nullptr;
  std::size_t abandoned_ = 0;
  // Abandoned children, by pid, with their exit descriptor: reaped once they exit.
  std::map<pid_t, util::UniqueFd> stuck_;
  std::shared_ptr<int> alive_;  // posted callbacks check it: none runs after destruction
};

}  // namespace mb::process
