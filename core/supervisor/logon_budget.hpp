#pragma once
// How often a mount may fail without a known reason before automatic retries slow to the
// budget. A failure of class `unknown` may be a refused logon in disguise (a helper that logs
// to a file, or says nothing): retried as freely as a network failure, it would lock the
// account on most servers. So at most kUnsureFailuresPerHour such failures are risked per
// mount in any hour; the times are in the record (state.json), so the budget survives the
// broker's exits.
#include <cstdint>
#include <vector>

#include "core/state/mount_record.hpp"

namespace mb::core::supervisor {

inline constexpr int kUnsureFailuresPerHour = 3;
inline constexpr std::int64_t kBudgetWindowSec = 3600;

// Notes an unknown-class failure at `now` and forgets those older than the window.
void note_unsure_failure(state::MountRecord& r, std::int64_t now);
// True when the failures in the window, this mount's and `others` (the other mounts of its
// server), have used up the budget.
bool unsure_budget_spent(const state::MountRecord& r, std::int64_t now,
                         const std::vector<std::int64_t>& others = {});
// The earliest time an automatic retry may run without exceeding the budget (0: it may now).
std::int64_t unsure_budget_frees_at(const state::MountRecord& r, std::int64_t now,
                                    const std::vector<std::int64_t>& others = {});

}  // namespace mb::core::supervisor
