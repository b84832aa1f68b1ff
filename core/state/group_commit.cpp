#include "core/state/group_commit.hpp"

namespace mb::core::state {

std::optional<GroupCommit::Waiter> GroupCommit::when_durable(Waiter w) {
  if (!dirty()) return w;
  waiters_.emplace_back(changed_, std::move(w));
  return std::nullopt;
}

GroupCommit::Next GroupCommit::next(Clock::time_point now) const {
  if (writing() || !dirty()) return {};
  // Someone waits to answer a client: no batching delay, and one more try even after a
  // failure (the answer says not_saved if it fails again).
  if (!waiters_.empty()) return {Next::write_now};
  Clock::time_point due = now;
  if (failed_ && last_failure_)
    due = *last_failure_ + retry_;
  else if (last_start_)
    due = *last_start_ + gap_;
  if (now >= due) return {Next::write_now};
  return {Next::wait_until, due};
}

void GroupCommit::started(Clock::time_point now) {
  in_flight_ = changed_;
  last_start_ = now;
}

std::vector<GroupCommit::Waiter> GroupCommit::finished(bool ok, Clock::time_point now) {
  std::vector<Waiter> settled;
  if (!in_flight_) return settled;
  const Seq covers = *in_flight_;
  in_flight_.reset();
  if (ok) {
    durable_ = covers;
    failed_ = false;
  } else {
    failed_ = true;
    last_failure_ = now;
  }
  // Waiters whose changes this write held; later ones wait for the next write.
  std::vector<std::pair<Seq, Waiter>> later;
  for (auto& [seq, w] : waiters_) {
    if (seq <= covers)
      settled.push_back(std::move(w));
    else
      later.emplace_back(seq, std::move(w));
  }
  waiters_ = std::move(later);
  return settled;
}

}  // namespace mb::core::state
