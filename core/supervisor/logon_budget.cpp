#include "core/supervisor/logon_budget.hpp"

#include <algorithm>

namespace mb::core::supervisor {
namespace {

void forget_old(state::MountRecord& r, std::int64_t now) {
  auto& t = r.unsure_failures;
  t.erase(std::remove_if(t.begin(), t.end(),
                         [now](std::int64_t at) { return at <= now - kBudgetWindowSec; }),
          t.end());
}

// The failure times inside the window, this mount's and its server's other mounts', oldest first.
std::vector<std::int64_t> in_window(const state::MountRecord& r, std::int64_t now,
                                    const std::vector<std::int64_t>& others) {
  std::vector<std::int64_t> out;
  for (const auto* list : {&r.unsure_failures, &others})
    for (std::int64_t at : *list)
      if (at > now - kBudgetWindowSec && at <= now) out.push_back(at);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void note_unsure_failure(state::MountRecord& r, std::int64_t now) {
  forget_old(r, now);
  r.unsure_failures.push_back(now);
  std::sort(r.unsure_failures.begin(), r.unsure_failures.end());
  // Only the newest ones decide; keep the record (and state.json) small.
  while (r.unsure_failures.size() > static_cast<std::size_t>(kUnsureFailuresPerHour))
    r.unsure_failures.erase(r.unsure_failures.begin());
}

bool unsure_budget_spent(const state::MountRecord& r, std::int64_t now,
                         const std::vector<std::int64_t>& others) {
  return in_window(r, now, others).size() >= static_cast<std::size_t>(kUnsureFailuresPerHour);
}

std::int64_t unsure_budget_frees_at(const state::MountRecord& r, std::int64_t now,
                                    const std::vector<std::int64_t>& others) {
  const auto times = in_window(r, now, others);
  const auto n = static_cast<std::size_t>(kUnsureFailuresPerHour);
  if (times.size() < n) return 0;
  // A try is allowed again once fewer than the budget remain: when the failure that is the
  // budget's count from the newest leaves the window.
  return times[times.size() - n] + kBudgetWindowSec;
}

}  // namespace mb::core::supervisor
