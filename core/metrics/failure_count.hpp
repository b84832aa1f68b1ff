#pragma once
// The failure counters of a mount (mount_broker_mount_failures_total): kept in its record so
// that they survive activations, counted by the shell after each supervisor step.
#include "core/state/mount_record.hpp"
#include "core/supervisor/supervisor.hpp"

namespace mb::core::metrics {

// Whether `e` reports a failure: a mount or unmount that failed, a probe that was not healthy.
bool is_failure(const supervisor::Event& e);
// After a failure event: one more failure of the class the step gave `next` ("unknown" when
// it gave none).
void count_failure(const supervisor::Event& e, state::MountRecord& next);

}  // namespace mb::core::metrics
