#include "process/child_runner.hpp"

#include <signal.h>

#include <boost/asio/post.hpp>

#include "platform/spawn.hpp"
#include "process/watched_child.hpp"

namespace mb::process {

ChildRunner::ChildRunner(asio::io_context& io) : io_(io), alive_(std::make_shared<int>(0)) {}

ChildRunner::~ChildRunner() {
  for (auto& [pid, child] : children_) child->release();
  for (auto& [key, child] : starting_) child->release();
}

util::Result<pid_t> ChildRunner::run(Spec spec, std::function<void(Outcome)> done) {
  reap_stuck();
  auto child = std::make_shared<Child>(*this, io_, std::move(done));
  auto started = child->start(spec);
  if (!started) {
    auto report = std::move(child->done);
    child->release();
    report_spawn_failure(started.error(), std::move(report));
    return util::error(started.error());
  }
  if (child->pid < 0) {
    starting_.emplace(child.get(), child);
    return 0;
  }
  children_.emplace(child->pid, child);
  return child->pid;
}

void ChildRunner::release(pid_t pid) {
  auto it = children_.find(pid);
  if (it == children_.end()) return;
  it->second->release();
  children_.erase(it);
}

void ChildRunner::terminate(pid_t pid) {
  auto it = children_.find(pid);
  if (it != children_.end()) it->second->terminate();
}

void ChildRunner::forget(pid_t pid) {
  children_.erase(pid);
}

void ChildRunner::orphan(pid_t pid) {
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);  // it may not lead its group yet
  auto fd = platform::watch_forked(pid);
  if (fd) stuck_.emplace(pid, std::move(*fd));
}

void ChildRunner::reap_stuck() {
  for (auto it = stuck_.begin(); it != stuck_.end();)
    if (platform::try_reap(it->first, it->second.get()))
      it = stuck_.erase(it);
    else
      ++it;
}

std::size_t ChildRunner::stuck() {
  reap_stuck();
  return stuck_.size();
}

void ChildRunner::report_spawn_failure(std::string message, std::function<void(Outcome)> done) {
  Outcome outcome;
  outcome.ending = Ending::spawn_failed;
  outcome.error = std::move(message);
  asio::post(io_, [alive = std::weak_ptr<int>(alive_), outcome = std::move(outcome),
                   done = std::move(done)]() mutable {
    if (alive.lock() && done) done(std::move(outcome));
  });
}

}  // namespace mb::process
