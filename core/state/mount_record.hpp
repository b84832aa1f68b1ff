#pragma once
// What the broker remembers about one mount between activations.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/state/error_class.hpp"
#include "core/state/reason.hpp"
#include "util/name_index.hpp"

namespace mb::core::state {

// A recovery is two phases: `recovering` while a child works on it (the force unmount, then
// the remount), `backoff` while it waits for its next attempt (next_attempt_at). They differ in
// what may happen next (a child's result, or the timer), so they are not told apart by a time.
// The protocol shows both as "recovering" (a wait has its next_attempt_at).
enum class Phase {
  unmounted,
  mounting,
  mounted,
  degraded,
  recovering,
  backoff,
  unmounting,
  failed
};
enum class Desired { mounted, unmounted };
// Result of the last reconcile of this mount against the mount table.
enum class Finding { none, ok, lost, adopted, conflict, orphan, unmounted };

const char* to_string(Phase p);
const char* to_string(Desired d);
const char* to_string(Finding f);
std::optional<Phase> phase_from_string(const std::string& s);
std::optional<Desired> desired_from_string(const std::string& s);
std::optional<Finding> finding_from_string(const std::string& s);

// Failed mounts, unmounts and probes of one error class, counted for the metrics
// (mount_broker_mount_failures_total); kept across activations.
struct FailureCount {
  ErrorClass error_class = ErrorClass::unknown;
  std::int64_t count = 0;
  bool operator==(const FailureCount&) const = default;
};

struct MountRecord {
  std::string name;
  Phase phase = Phase::unmounted;
  Desired desired = Desired::mounted;
  Finding finding = Finding::none;
  std::string mountpoint;  // resolved (realpath of the parent + basename)
  std::string source;      // as the mount table showed it when we last saw it mounted
  std::string fstype;
  std::uint64_t device = 0;  // st_dev recorded at mount time, 0 if unknown
  // The share's root as the first healthy probe of this mount saw it: its inode (0 = not yet
  // seen), and whether it ever listed entries. An empty root where the share had content, or
  // another directory at the root, is a share that is not what was mounted.
  std::uint64_t root_inode = 0;
  bool root_had_entries = false;  // kept across recoveries; forgotten when a person unmounts
  // Unix seconds when `phase` was entered; a recovery keeps the time it began through its
  // `recovering` and `backoff` turns, so status says how long the share has been away.
  std::int64_t since = 0;
  // Unix seconds of the next automatic attempt: set in `backoff` and in a `failed` that is
  // retried on the slow schedule; 0 = nothing scheduled.
  std::int64_t next_attempt_at = 0;
  std::int64_t last_probe_at = 0;
  std::int64_t last_probe_ms = 0;  // how long the probe at last_probe_at took
  int consecutive_failures = 0;    // ambiguous probe failures in a row
  int attempts = 0;                // failed mount attempts in a row (indexes the backoff)
  int recoveries = 0;
  std::int64_t idle_since = 0;  // unix seconds since nothing was seen open on it; 0 = busy/unknown
  ErrorClass error_class = ErrorClass::none;  // class of last_error
  Reason reason = Reason::none;               // why `phase` was entered
  std::string last_error;                     // human-readable, never contains a secret
  // The mount helper of this mount that may still be running (pid and the kernel's start
  // time of that pid), written as soon as it is spawned: a broker killed meanwhile leaves it
  // here, so the next one waits for that helper instead of stacking a second mount on it.
  int helper_pid = 0;
  std::uint64_t helper_start = 0;
  // The SSH tunnel of a tunnelled mount (a detached `ssh -N -L`, its own session), named the
  // same way: only that very process is ever signalled. Its loopback port is where the mount
  // connects. 0 = no tunnel of ours runs.
  int tunnel_pid = 0;
  std::uint64_t tunnel_start = 0;
  int tunnel_port = 0;
  // Unix seconds of the latest failures of class unknown within the last hour (at most
  // supervisor::kUnsureFailuresPerHour): the logon budget, kept across activations.
  std::vector<std::int64_t> unsure_failures;
  // The last failure was a config problem a change on disk may fix (MountFinished::fixable):
  // every sweep retries it.
  bool recheck = false;
  // Failures by class for the metrics, kept across activations (only counted, never read
  // by a decision).
  std::vector<FailureCount> failures;

  bool operator==(const MountRecord&) const = default;
};

// The broker's own counters for the metrics, kept across activations.
struct BrokerCounters {
  std::int64_t activations = 0;    // broker instances that loaded this state
  std::int64_t last_sweep_ms = 0;  // how long the last sweep took
  std::int64_t last_sweep_at = 0;  // unix seconds when it ended; 0 = never
  bool operator==(const BrokerCounters&) const = default;
};

struct State {
  // 2: a recovery waiting for its next attempt is phase `backoff` (1 wrote `recovering`).
  static constexpr int kSchema = 2;
  int schema = kSchema;
  std::vector<MountRecord> mounts;
  BrokerCounters counters;

  // By name, through `by_name` (no scan per look-up: a sweep of 1,000 mounts looks up each).
  MountRecord* find(const std::string& name);
  const MountRecord* find(const std::string& name) const;
  bool operator==(const State&) const = default;

  util::NameIndex by_name;  // of `mounts`; never part of ==
};

}  // namespace mb::core::state
