#pragma once
// The pure core: one mount's record, one event and the time in; the next record and the
// actions to take out. No clock, no file, no process, no socket. The shell (broker/service)
// turns Actions into child processes and their results into Events.
//
// Phases (state::Phase) and what moves them:
//   unmounted  --MountRequested / Tick (desired mounted, not idle-unmounted, no conflict)-->
//                mounting
//   mounting   --MountFinished ok--> mounted
//              --MountFinished failed--> failed (retry at now + failed_retry_sec for
//                transient classes; never for auth/config; unknown within the logon
//                budget of logon_budget.hpp)
//   mounted    --Probe healthy--> mounted
//              --Probe ambiguous--> degraded (consecutive_failures = 1)
//              --Probe definite--> recovering (force unmount)
//   degraded   --Probe healthy--> mounted; ambiguous -> +1, at threshold -> recovering
//   recovering --UnmountFinished--> remount now (a child is in flight throughout)
//              --MountFinished failed, transient--> backoff (recover_backoff_sec[k]); once
//                those are used up: failed with failed_retry_sec slow retries
//   backoff    --Tick, due--> recovering (remount); --UnmountRequested--> unmounted
//   mounted    --UnmountRequested--> unmounting --ok--> unmounted (Reason::user)
//                                               --busy--> mounted, desired back to mounted
//   mounted    --IdleChecked (idle long enough)--> unmounting (Reason::idle)
//   unmounted (Reason::lost, desired mounted) --Tick--> recovering (remount)
//   unmounting --a person's request meanwhile--> the unmount becomes theirs (Reason::user):
//                it mounts again afterwards if they asked to mount, and a refusal is
//                reported to them if they asked to unmount
// A child's result that arrives in a phase with no such child in flight is stale and ignored.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/config/config.hpp"
#include "core/state/mount_record.hpp"

namespace mb::core::supervisor {

using state::ErrorClass;
// Authentication and configuration errors are never retried automatically: retrying a wrong
// password locks accounts, retrying a missing mount point changes nothing.
bool is_transient(ErrorClass c);

enum class ProbeOutcome {
  healthy,
  definite,   // ENOTCONN, ESTALE, ... or the mount point reverted to its parent's device
  ambiguous,  // any other errno, or nothing to read where something was expected
  timed_out,  // no answer within probe_timeout_sec: ambiguous too (a slow server looks dead)
};

// ---- events
struct MountRequested {};  // a person asked (mountctl mount): desired becomes mounted
struct UnmountRequested {  // a person asked (mountctl unmount): desired becomes unmounted
  bool force = false;
};
struct MountFinished {
  bool ok = false;
  ErrorClass error = ErrorClass::none;
  std::string message;       // for last_error; never contains a secret
  std::uint64_t device = 0;  // st_dev of the new mount, when ok
  std::string source;        // as the mount table shows it, when ok: how reconcile knows it is ours
  std::string fstype;
  // A config failure that a change on disk may fix without a reload: the mount point or the
  // credential file created, the helper installed. Sweeps retry it (cheap: it fails in the
  // broker's own checks, before any logon).
  bool fixable = false;
};
struct UnmountFinished {
  bool ok = false;
  bool busy = false;  // EBUSY: something has a file open
  std::string message;
};
struct ProbeFinished {
  ProbeOutcome outcome = ProbeOutcome::healthy;
  std::string detail;  // for last_error, e.g. "opendir: Transport endpoint is not connected"
  // What a healthy probe saw of the root, recorded to compare later probes with: its inode
  // (0 = unknown) and how many entries it listed (-1 = unknown).
  std::uint64_t root_inode = 0;
  int root_entries = -1;
  std::int64_t duration_ms = 0;  // start to result, for `status NAME`
};
// A sweep (after reconcile updated the record) or a due retry timer: do whatever is due now
// (remount what was lost, retry, probe). The idle check result comes separately.
// `now` (sweep --now, after a network change or a resume): a retry scheduled after a
// transient failure is due at once, and a mounted share is probed whatever its interval.
// Failures that are never retried (auth, config) stay so.
struct Tick {
  bool now = false;
};
// Result of busy detection during a sweep (only sent when idle_unmount_min > 0 and mounted).
struct IdleChecked {
  bool busy = false;
};

using Event = std::variant<MountRequested, UnmountRequested, MountFinished, UnmountFinished,
                           ProbeFinished, Tick, IdleChecked>;

// ---- actions
enum class Action {
  mount,          // run the backend's mount helper (the shell first checks the path is free)
  unmount,        // clean unmount (EBUSY reported back as busy)
  force_unmount,  // force / lazy / abort-connection unmount of a dead share
  probe,          // health probe with probe_timeout_sec
};
// The shell saves the state whenever `next` differs from the record it passed in.

struct Step {
  state::MountRecord next;
  std::vector<Action> actions;
};

// `server_unsure_failures`: the unknown-class failure times of the other mounts of the same
// server (the shell gathers them from their records). The logon budget is the server's:
// mounts of one server usually share an account, and the server locks the account.
Step step(const state::MountRecord& current, const Event& event,
          const config::MountSettings& policy, std::int64_t now,
          const std::vector<std::int64_t>& server_unsure_failures = {});

// When a retry is due (next_attempt_at of a mount in backoff or failed that is wanted), or 0.
// The shell keeps a timer for it only if it falls inside the idle window; otherwise the
// next sweep picks it up from the state file. Probes are never due here: the sweep timer
// drives them, so a short probe interval cannot keep the broker resident.
std::int64_t next_due(const state::MountRecord& r, const config::MountSettings& policy);

}  // namespace mb::core::supervisor
