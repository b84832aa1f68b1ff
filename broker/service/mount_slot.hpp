#pragma once
// What the shell keeps about one mount between events, beside its record (Instance) and its
// probe's place in the shared queue (ProbeScheduler): whether a child works on it, the action
// held back until that child is done, the retry timer due inside the idle window, and the
// holds that keep the broker alive for each of them. SupervisorShell keeps one per mount, found
// by name; dropping a part releases its hold and cancels its timer.
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>
#include <optional>

#include "broker/server/idle_exit.hpp"
#include "core/supervisor/supervisor.hpp"

namespace mb::broker::service {

class MountSlot {
 public:
  using Hold = server::IdleExit::Hold;

  // One child per mount: true from start() to finish().
  bool busy() const { return busy_; }
  void start(Hold hold);
  void finish();

  // A person's request that arrives while a child runs must not be lost: it is held back
  // (a later one replaces it) and taken once no child works on the mount.
  void defer(core::supervisor::Action action) { deferred_ = action; }
  bool has_deferred() const { return deferred_.has_value(); }
  std::optional<core::supervisor::Action> take_deferred();

  // A probe of this mount waits in the scheduler's queue (not yet a child).
  void probe_queued(Hold hold) { queued_probe_ = std::move(hold); }
  void probe_dequeued() { queued_probe_ = Hold{}; }

  // The retry timer: `due` (unix seconds) of the one armed, 0 when none.
  std::int64_t retry_due() const { return retry_ ? retry_->due : 0; }
  void arm_retry(std::unique_ptr<boost::asio::steady_timer> timer, Hold hold, std::int64_t due);
  // Cancels the timer (its handler sees operation_aborted) and releases its hold.
  void drop_retry() { retry_.reset(); }

 private:
  struct Retry {
    std::unique_ptr<boost::asio::steady_timer> timer;
    Hold hold;
    std::int64_t due = 0;
  };
  bool busy_ = false;
  Hold running_;
  std::optional<core::supervisor::Action> deferred_;
  Hold queued_probe_;
  std::optional<Retry> retry_;
};

}  // namespace mb::broker::service
