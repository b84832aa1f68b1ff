#pragma once
// When a mount's SSH tunnel may run: while its mount exists or is being made, unmade or
// recovered. In every other phase (unmounted, failed, waiting in backoff) the shell ends the
// recorded tunnel, so the tunnel process never outlives its mount.
#include "core/state/mount_record.hpp"

namespace mb::core::supervisor {

bool tunnel_may_run(state::Phase phase);

// A tunnel is recorded for `r` and its phase says it must not run: the shell ends it and
// clears the record's tunnel fields.
bool tunnel_to_end(const state::MountRecord& r);

}  // namespace mb::core::supervisor
