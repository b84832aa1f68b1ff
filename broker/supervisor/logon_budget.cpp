#include "broker/supervisor/logon_budget.hpp"

#include <algorithm>

namespace mb::broker::supervisor {
namespace {

void forget_old(state::MountRecord& r, std::int64_t now) {
  auto& t = r.unsure_failures;
  t.erase(std::remove_if(t.begin(), t.end(),
                         [now](std::int64_t at) { return at <= now - kBudgetWindowSec; }),
          t.end());
}

int in_window(const state::MountRecord& r, std::int64_t now) {
  return static_cast<int>(
      std::count_if(r.unsure_failures.begin(), r.unsure_failures.end(),
                    [now](std::int64_t at) { return at > now - kBudgetWindowSec && at <= now; }));
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

bool unsure_budget_spent(const state::MountRecord& r, std::int64_t now) {
  return in_window(r, now) >= kUnsureFailuresPerHour;
}

std::int64_t unsure_budget_frees_at(const state::MountRecord& r, std::int64_t now) {
  if (!unsure_budget_spent(r, now)) return 0;
  // The oldest failure in the window leaves it first.
  std::int64_t oldest = now;
  for (std::int64_t at : r.unsure_failures)
    if (at > now - kBudgetWindowSec) oldest = std::min(oldest, at);
  return oldest + kBudgetWindowSec;
}

}  // namespace mb::broker::supervisor
