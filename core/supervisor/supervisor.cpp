#include "core/supervisor/supervisor.hpp"

#include <utility>

#include "core/supervisor/logon_budget.hpp"

namespace mb::core::supervisor {
namespace {

using config::MountSettings;
using state::Desired;
using state::Finding;
using state::MountRecord;
using state::Phase;
using state::Reason;

// Every phase change stamps `since`, so status can say how long a mount has been stuck.
void enter(MountRecord& r, Phase p, std::int64_t now, Reason reason) {
  r.phase = p;
  r.since = now;
  r.reason = reason;
}

bool due(const MountRecord& r, std::int64_t now) {
  return r.next_attempt_at > 0 && now >= r.next_attempt_at;
}

// Unmounted by a person's wish: nothing is scheduled and the failure count starts afresh.
void enter_unmounted_by_user(MountRecord& r, std::int64_t now) {
  enter(r, Phase::unmounted, now, Reason::user);
  r.next_attempt_at = 0;
  r.attempts = 0;
  r.recheck = false;
  r.root_had_entries = false;  // what the share held is learnt again at the next mount
}

std::int64_t slow_retry_at(const MountSettings& policy, std::int64_t now) {
  return policy.failed_retry_sec > 0 ? now + policy.failed_retry_sec : 0;
}

// The shell force-unmounts first: a dead share still occupies the path, and mounting onto it
// would stack a second mount over a hung one.
Step start_recovery(MountRecord r, std::int64_t now) {
  enter(r, Phase::recovering, now, Reason::probe);
  r.attempts = 0;
  r.next_attempt_at = 0;
  r.consecutive_failures = 0;
  return {std::move(r), {Action::force_unmount}};
}

// ---- one handler per event kind

Step on(MountRecord r, const MountRequested&, const MountSettings&, std::int64_t now) {
  r.desired = Desired::mounted;
  if (r.phase == Phase::unmounting && r.reason == Reason::idle) {
    // Desired was already mounted, so the finishing idle unmount could not tell that someone
    // asked: make the unmount the person's, and it mounts again when it finishes.
    r.reason = Reason::user;
    return {std::move(r), {}};
  }
  const bool startable =
      r.phase == Phase::unmounted || r.phase == Phase::failed || r.phase == Phase::backoff;
  if (!startable) return {std::move(r), {}};  // already there, or a child is in flight
  enter(r, Phase::mounting, now, Reason::user);
  r.attempts = 0;
  r.next_attempt_at = 0;
  return {std::move(r), {Action::mount}};
}

Step on(MountRecord r, const UnmountRequested& e, const MountSettings&, std::int64_t now) {
  r.desired = Desired::unmounted;
  switch (r.phase) {
    case Phase::mounted:
    case Phase::degraded:
      enter(r, Phase::unmounting, now, Reason::user);
      r.idle_since = 0;
      return {std::move(r), {e.force ? Action::force_unmount : Action::unmount}};
    case Phase::failed:
      enter_unmounted_by_user(r, now);
      return {std::move(r), {}};
    case Phase::backoff:
      enter_unmounted_by_user(r, now);
      return {std::move(r), {}};
    case Phase::recovering:  // the child's result checks desired when it arrives
    case Phase::unmounted:
    case Phase::mounting:
      return {std::move(r), {}};
    case Phase::unmounting:
      // An idle unmount in flight becomes the person's, so a refusal is reported to them.
      r.reason = Reason::user;
      return {std::move(r), {}};
  }
  return {std::move(r), {}};
}

Step mount_succeeded(MountRecord r, const MountFinished& e, std::int64_t now) {
  const bool recovered = r.phase == Phase::recovering;
  enter(r, Phase::mounted, now, recovered ? Reason::recovered : r.reason);
  if (recovered) ++r.recoveries;
  r.attempts = 0;
  r.consecutive_failures = 0;
  r.next_attempt_at = 0;
  r.last_error.clear();
  r.error_class = ErrorClass::none;
  r.device = e.device;
  r.root_inode = 0;  // a new mount: its root is learnt by the first healthy probe
  if (!e.source.empty()) r.source = e.source;
  if (!e.fstype.empty()) r.fstype = e.fstype;
  r.idle_since = 0;
  r.unsure_failures.clear();  // it logged on: whatever failed before was not the password
  r.recheck = false;
  r.last_probe_at = now;  // a mount that just worked needs no probe for a full interval
  if (r.desired == Desired::unmounted) {
    // A person unmounted while the mount was in flight: finish what they asked for.
    enter(r, Phase::unmounting, now, Reason::user);
    return {std::move(r), {Action::unmount}};
  }
  return {std::move(r), {}};
}

// What a person reads about an automatic retry that the logon budget holds back.
std::string budget_note(std::int64_t until, std::int64_t now) {
  return " (mounts of this server failed " + std::to_string(kUnsureFailuresPerHour) +
         " times within an hour for a reason the broker cannot tell; in case it is a refused "
         "logon, it retries at most " +
         std::to_string(kUnsureFailuresPerHour) + " times an hour per server: next try in " +
         std::to_string((until - now + 59) / 60) + " min, or now with mountctl mount)";
}

// Failed for good, or on the slow schedule; an unknown failure also within its budget.
void enter_failed(MountRecord& r, const MountFinished& e, const MountSettings& policy,
                  std::int64_t now, const std::vector<std::int64_t>& server) {
  enter(r, Phase::failed, now, Reason::error);
  r.next_attempt_at = is_transient(e.error) ? slow_retry_at(policy, now) : 0;
  const std::int64_t frees = unsure_budget_frees_at(r, now, server);
  if (e.error == ErrorClass::unknown && r.next_attempt_at > 0 && frees > r.next_attempt_at) {
    r.next_attempt_at = frees;
    r.last_error += budget_note(frees, now);
  }
  if (e.error == ErrorClass::auth)
    r.last_error +=
        " (not retried automatically: a wrong password retried locks accounts; fix "
        "it, then mountctl mount)";
  r.recheck = e.error == ErrorClass::config && e.fixable;
  if (r.recheck) r.last_error += "; the next sweep retries once it is fixed (or mountctl mount)";
}

Step mount_failed(MountRecord r, const MountFinished& e, const MountSettings& policy,
                  std::int64_t now, const std::vector<std::int64_t>& server) {
  r.last_error = e.message;
  r.error_class = e.error;
  ++r.attempts;
  if (e.error == ErrorClass::unknown) note_unsure_failure(r, now);
  if (r.desired == Desired::unmounted) {
    enter_unmounted_by_user(r, now);  // no retry of something nobody wants
  } else if (is_transient(e.error) && r.phase == Phase::recovering &&
             static_cast<std::size_t>(r.attempts) <= policy.recover_backoff_sec.size() &&
             !(e.error == ErrorClass::unknown && unsure_budget_spent(r, now, server))) {
    // The recovery goes on: since and reason stay those of its start.
    r.phase = Phase::backoff;
    r.next_attempt_at = now + policy.recover_backoff_sec[r.attempts - 1];
  } else {
    enter_failed(r, e, policy, now, server);
  }
  return {std::move(r), {}};
}

Step on(MountRecord r, const MountFinished& e, const MountSettings& policy, std::int64_t now,
        const std::vector<std::int64_t>& server = {}) {
  // Only a mount in flight can finish; anything else is a stale or duplicate result.
  if (r.phase != Phase::mounting && r.phase != Phase::recovering) return {std::move(r), {}};
  return e.ok ? mount_succeeded(std::move(r), e, now)
              : mount_failed(std::move(r), e, policy, now, server);
}

Step unmount_succeeded(MountRecord r, std::int64_t now) {
  enter(r, Phase::unmounted, now, r.reason);                 // user or idle
  if (r.reason == Reason::user) r.root_had_entries = false;  // an idle unmount keeps what it knew
  r.last_error.clear();
  r.error_class = ErrorClass::none;
  r.idle_since = 0;
  if (r.desired == Desired::mounted && r.reason != Reason::idle) {
    // A person asked to mount while the unmount was in flight.
    enter(r, Phase::mounting, now, Reason::user);
    return {std::move(r), {Action::mount}};
  }
  return {std::move(r), {}};
}

// EBUSY: something has a file open. The share stays mounted, so intent follows reality.
Step unmount_refused(MountRecord r, const UnmountFinished& e, std::int64_t now) {
  enter(r, Phase::mounted, now, r.reason);
  r.idle_since = 0;  // for an idle unmount, busy restarts the idle clock and is not an error
  if (r.desired == Desired::unmounted) {
    // Only a person who still wants it unmounted needs to hear why it is not.
    r.desired = Desired::mounted;
    r.last_error = "unmount refused: " + e.message;
    r.error_class = ErrorClass::busy;
  }
  return {std::move(r), {}};
}

Step unmount_failed(MountRecord r, const UnmountFinished& e, std::int64_t now) {
  enter(r, Phase::mounted, now, r.reason);
  r.desired = Desired::mounted;
  r.idle_since = 0;  // an idle unmount is not retried at every sweep
  r.last_error = "unmount failed: " + e.message;
  r.error_class = ErrorClass::unknown;
  return {std::move(r), {}};
}

// The force unmount that starts a recovery finished. Even when it failed the remount is
// tried: the shell refuses to mount onto an occupied path and reports that as busy, which
// walks the backoff like any other transient failure.
Step force_unmount_finished(MountRecord r, const UnmountFinished& e, std::int64_t now) {
  if (!e.ok) r.last_error = "force unmount: " + e.message;
  if (r.desired == Desired::unmounted) {
    enter_unmounted_by_user(r, now);
    if (e.ok) {
      r.last_error.clear();
      r.error_class = ErrorClass::none;
    }
    return {std::move(r), {}};
  }
  r.next_attempt_at = 0;
  return {std::move(r), {Action::mount}};
}

Step on(MountRecord r, const UnmountFinished& e, const MountSettings&, std::int64_t now) {
  if (r.phase == Phase::unmounting) {
    if (e.ok) return unmount_succeeded(std::move(r), now);
    return e.busy ? unmount_refused(std::move(r), e, now) : unmount_failed(std::move(r), e, now);
  }
  // In backoff no unmount is in flight: the result is stale.
  if (r.phase == Phase::recovering) return force_unmount_finished(std::move(r), e, now);
  return {std::move(r), {}};
}

Step on(MountRecord r, const ProbeFinished& e, const MountSettings& policy, std::int64_t now) {
  if (r.phase != Phase::mounted && r.phase != Phase::degraded) return {std::move(r), {}};
  r.last_probe_at = now;
  r.last_probe_ms = e.duration_ms;
  switch (e.outcome) {
    case ProbeOutcome::healthy:
      r.consecutive_failures = 0;
      if (r.root_inode == 0) r.root_inode = e.root_inode;
      if (e.root_entries > 0) r.root_had_entries = true;
      if (r.phase == Phase::degraded) {
        enter(r, Phase::mounted, now, Reason::probe);
        r.last_error.clear();
        r.error_class = ErrorClass::none;
      }
      return {std::move(r), {}};
    case ProbeOutcome::ambiguous:
    case ProbeOutcome::timed_out:
      // A slow server looks like a dead one for a while: only a run of failures recovers.
      ++r.consecutive_failures;
      r.last_error = "probe: " + e.detail;
      r.error_class =
          e.outcome == ProbeOutcome::timed_out ? ErrorClass::timeout : ErrorClass::unknown;
      if (r.consecutive_failures >= policy.probe_failure_threshold) {
        return start_recovery(std::move(r), now);
      }
      if (r.phase == Phase::mounted) enter(r, Phase::degraded, now, Reason::probe);
      return {std::move(r), {}};
    case ProbeOutcome::definite:
      r.last_error = "probe: " + e.detail;
      r.error_class = ErrorClass::network;
      return start_recovery(std::move(r), now);
  }
  return {std::move(r), {}};
}

Step tick_unmounted(MountRecord r, std::int64_t now) {
  // An idle-unmounted share waits to be asked; a path someone else mounted on is not ours.
  if (r.reason == Reason::idle || r.finding == Finding::conflict) return {std::move(r), {}};
  if (r.reason == Reason::lost) {
    // It was mounted and vanished underneath us: that is a recovery, counted as one.
    enter(r, Phase::recovering, now, Reason::lost);
    r.attempts = 0;
    r.next_attempt_at = 0;
    return {std::move(r), {Action::mount}};
  }
  enter(r, Phase::mounting, now, Reason::sweep);
  return {std::move(r), {Action::mount}};
}

Step on(MountRecord r, const Tick& tick, const MountSettings& policy, std::int64_t now) {
  // A retry is scheduled (next_attempt_at > 0) only in backoff and after a failure that is
  // retried on the slow schedule; 0 when the failure is never retried.
  const bool retry_due = due(r, now) || (tick.now && r.next_attempt_at > 0);
  // A sweep never mounts what a person unmounted, and never unmounts anything.
  if (r.desired == Desired::unmounted) return {std::move(r), {}};
  switch (r.phase) {
    case Phase::unmounted:
      return tick_unmounted(std::move(r), now);
    case Phase::failed:
      // A config failure a change on disk may fix is looked at again by every sweep.
      if (!retry_due && !r.recheck) return {std::move(r), {}};  // 0: never (auth, config)
      enter(r, Phase::mounting, now, Reason::retry);
      r.next_attempt_at = 0;
      return {std::move(r), {Action::mount}};
    case Phase::backoff:
      if (!retry_due) return {std::move(r), {}};
      r.phase = Phase::recovering;  // the remount is in flight now; since stays the recovery's
      r.next_attempt_at = 0;
      return {std::move(r), {Action::mount}};
    case Phase::mounted:
    case Phase::degraded:
      if (!tick.now && now < r.last_probe_at + policy.probe_interval_sec) return {std::move(r), {}};
      return {std::move(r), {Action::probe}};
    case Phase::recovering:  // a child is in flight
    case Phase::mounting:
    case Phase::unmounting:
      return {std::move(r), {}};
  }
  return {std::move(r), {}};
}

Step on(MountRecord r, const IdleChecked& e, const MountSettings& policy, std::int64_t now) {
  if (r.phase != Phase::mounted || !(policy.idle_unmount_min > 0)) return {std::move(r), {}};
  if (e.busy) {
    r.idle_since = 0;
  } else if (r.idle_since == 0) {
    r.idle_since = now;  // the first quiet check starts the clock
  } else if (now - r.idle_since >= static_cast<std::int64_t>(policy.idle_unmount_min * 60)) {
    // Clean, never forced: a forced unmount could lose writes of a process we did not see.
    enter(r, Phase::unmounting, now, Reason::idle);
    return {std::move(r), {Action::unmount}};
  }
  return {std::move(r), {}};
}

}  // namespace

Step step(const MountRecord& current, const Event& event, const MountSettings& policy,
          std::int64_t now, const std::vector<std::int64_t>& server_unsure_failures) {
  if (const auto* e = std::get_if<MountFinished>(&event))
    return on(current, *e, policy, now, server_unsure_failures);
  return std::visit([&](const auto& e) { return on(current, e, policy, now); }, event);
}

std::int64_t next_due(const MountRecord& r, const MountSettings&) {
  const bool retrying = r.phase == Phase::backoff || r.phase == Phase::failed;
  return r.desired == Desired::mounted && retrying && r.next_attempt_at > 0 ? r.next_attempt_at : 0;
}

}  // namespace mb::core::supervisor
