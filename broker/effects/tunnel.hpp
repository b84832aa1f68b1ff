#pragma once
// The SSH tunnel of a tunnelled mount (MountConfig::tunnel): `ssh -N -L 127.0.0.1:PORT:...`
// started detached (a session of its own, like a FUSE daemon), so it outlives this broker
// activation and lives exactly as long as its mount. Its identity (pid and start time) and
// port are in the mount's record (Context::note_tunnel); only that very process is ever
// signalled, never a process that reused its pid.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "broker/effects/effects.hpp"

namespace mb::broker::effects {

// Starts the tunnel and waits (mount_timeout_sec at most) until its port accepts; then
// `next(nullopt, port)`. If ssh exits first, its failure is classified from its stderr
// (core::backends::classify_tunnel_failure) and `next(failure, 0)` runs; past the deadline it
// is ended and the failure is a timeout.
using TunnelNext =
    std::function<void(std::optional<core::supervisor::MountFinished> failed, int port)>;
void open_tunnel(Context& ctx, const core::config::MountConfig& m, TunnelNext next);

// For a mount with a tunnel: ends the one recorded (a remount starts afresh), opens a new one
// and calls `go` with the config routed through it (core::backends::through_tunnel); a failure
// goes to `done`. Without a tunnel: `go(m)` at once.
void via_tunnel(Context& ctx, const core::config::MountConfig& m, const core::state::MountRecord& r,
                std::function<void(const core::config::MountConfig&)> go, Done done);

// Ends the tunnel with this identity if that very process still runs: SIGTERM to its group
// (and SIGCONT, so a stopped ssh gets it too; ssh exits on SIGTERM at once), then SIGKILL if
// that very process is still there after 0.5 s. Returns once it is gone (at most about 1 s).
void end_tunnel(const std::string& name, pid_t pid, std::uint64_t start);

// A tunnel is recorded and the record's phase says it must not run
// (core::supervisor::tunnel_to_end): ends it and clears the record's tunnel fields; true if
// the record changed.
bool end_stray_tunnel(core::state::MountRecord& r);

// Why the record's tunnel cannot carry the mount (the process is gone, or its port does not
// accept), or nullopt when it can.
std::optional<std::string> tunnel_problem(const core::state::MountRecord& r);

}  // namespace mb::broker::effects
