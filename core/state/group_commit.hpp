#pragma once
// Group commit of state.json: many changes, one durable write per batch. A sweep of 1,000
// mounts changes 1,000 records; writing the whole file (two fsyncs and a rename) after each
// one made the sweep quadratic and held the event loop. Here a change only marks the state
// dirty; a write covers every change made before it started, and whoever must not answer
// before its change is on disk (a client's `ok` means durable) waits for that write.
//
// Pure bookkeeping: the shell (service::StateWriter) asks next() what to do, starts the write
// it is told to (with a copy of the state as it is then), and reports when it ended. Time is
// an argument.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace mb::core::state {

class GroupCommit {
 public:
  using Clock = std::chrono::steady_clock;
  // Called once the changes made before it was queued are on disk (true), or the write that
  // held them failed (false).
  using Waiter = std::function<void(bool durable)>;

  struct Next {
    enum What { nothing, write_now, wait_until } what = nothing;
    Clock::time_point at{};  // for wait_until: ask again then
  };

  // `gap`: changes nobody waits for are written at most once per gap (a burst of probe
  // results costs one write, not one per result). `retry`: after a failed write (disk full,
  // read-only directory), how long until the next try when nobody waits.
  GroupCommit(Clock::duration gap, Clock::duration retry) : gap_(gap), retry_(retry) {}

  // The state in memory changed.
  void changed() { ++changed_; }
  // `w` runs when every change made so far is durable. Returns it back (to be run at once,
  // with true) when there is nothing to wait for.
  std::optional<Waiter> when_durable(Waiter w);

  Next next(Clock::time_point now) const;
  // The shell starts writing the state as it is now: the write covers every change so far.
  void started(Clock::time_point now);
  // The write in flight ended. Returns the waiters it settles, for the caller to run.
  std::vector<Waiter> finished(bool ok, Clock::time_point now);

  // Changes not yet on disk (written or being written).
  bool dirty() const { return changed_ > durable_; }
  bool writing() const { return in_flight_.has_value(); }
  // Nothing to write and nothing being written: the broker may exit.
  bool settled() const { return !dirty() && !writing(); }
  // The last write failed and nothing has been written since.
  bool failing() const { return failed_; }

 private:
  using Seq = std::uint64_t;
  Clock::duration gap_, retry_;
  Seq changed_ = 0;               // changes so far
  Seq durable_ = 0;               // changes up to this one are on disk
  std::optional<Seq> in_flight_;  // the change count the write in flight covers
  std::optional<Clock::time_point> last_start_, last_failure_;
  bool failed_ = false;
  std::vector<std::pair<Seq, Waiter>> waiters_;  // in the order they came
};

}  // namespace mb::core::state
