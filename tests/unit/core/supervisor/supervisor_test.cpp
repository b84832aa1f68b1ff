#include "core/supervisor/supervisor.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/supervisor/logon_budget.hpp"

namespace Catch {
template <>
struct StringMaker<mb::core::state::Phase> {
  static std::string convert(mb::core::state::Phase p) { return mb::core::state::to_string(p); }
};
template <>
struct StringMaker<mb::core::state::Desired> {
  static std::string convert(mb::core::state::Desired d) { return mb::core::state::to_string(d); }
};
template <>
struct StringMaker<mb::core::supervisor::Action> {
  static std::string convert(mb::core::supervisor::Action a) {
    using mb::core::supervisor::Action;
    switch (a) {
      case Action::mount:
        return "mount";
      case Action::unmount:
        return "unmount";
      case Action::force_unmount:
        return "force_unmount";
      case Action::probe:
        return "probe";
    }
    return "invalid";
  }
};
}  // namespace Catch

namespace mb::core::supervisor {
namespace {

using state::Desired;
using state::Finding;
using state::MountRecord;
using state::Phase;
using state::Reason;
using Actions = std::vector<Action>;

// The fake clock: unix seconds, nothing more.
constexpr std::int64_t kNow = 1'700'000'000;

config::MountSettings default_policy() {
  config::MountSettings p;  // probe every 60 s, threshold 3, backoff 2,5,15,30,60, retry 30
  p.idle_unmount_min = 10;
  return p;
}

// One share driven event by event, as the shell would drive it.
struct Share {
  MountRecord r;
  config::MountSettings policy = default_policy();
  std::int64_t now = kNow;

  Actions on(const Event& e) {
    Step s = step(r, e, policy, now);
    r = s.next;
    return s.actions;
  }
  void wait(std::int64_t seconds) { now += seconds; }
};

MountRecord base_record() {
  MountRecord r;
  r.name = "photos";
  r.mountpoint = "/mnt/photos";
  r.source = "//nas/photos";
  r.fstype = "cifs";
  r.desired = Desired::mounted;
  r.since = kNow - 1000;
  return r;
}

MountRecord mounted_record() {
  MountRecord r = base_record();
  r.phase = Phase::mounted;
  r.reason = Reason::user;
  r.finding = Finding::ok;
  r.device = 42;
  r.last_probe_at = kNow - 60;  // a probe is due right now
  r.idle_since = kNow - 600;    // quiet for exactly idle_unmount_min
  return r;
}

// ---- sample events
const MountFinished kMountOk{true, ErrorClass::none, "", 77, "", ""};
const MountFinished kMountDown{false, ErrorClass::network, "mount error(112): Host is down", 0, "",
                               ""};
const MountFinished kMountAuth{false, ErrorClass::auth, "mount error(13): Permission denied", 0, "",
                               ""};
const MountFinished kMountConfig{false, ErrorClass::config, "mount point does not exist", 0, "",
                                 ""};
const UnmountFinished kUnmountOk{true, false, ""};
const UnmountFinished kUnmountBusy{false, true, "target is busy"};
const UnmountFinished kUnmountBroken{false, false, "Invalid argument"};
const ProbeFinished kHealthy{ProbeOutcome::healthy, ""};
const ProbeFinished kTimedOut{ProbeOutcome::timed_out, "timed out after 5 s"};
const ProbeFinished kDead{ProbeOutcome::definite, "stat: Transport endpoint is not connected"};

// ---- the (situation x event) table

enum class Situation {
  unmounted,
  mounting,
  mounted,
  degraded,
  recovering,
  backoff,
  unmounting_by_user,
  unmounting_idle,
  failed,
};
constexpr int kSituations = 9;

MountRecord situation(Situation s) {
  MountRecord r = mounted_record();
  switch (s) {
    case Situation::unmounted:
      r = base_record();
      r.phase = Phase::unmounted;
      r.reason = Reason::reconcile;
      r.finding = Finding::none;
      break;
    case Situation::mounting:
      r = base_record();
      r.phase = Phase::mounting;
      r.reason = Reason::user;
      break;
    case Situation::mounted:
      break;
    case Situation::degraded:
      r.phase = Phase::degraded;
      r.reason = Reason::probe;
      r.consecutive_failures = 1;
      r.last_error = "probe: timed out after 5 s";
      r.error_class = ErrorClass::timeout;
      break;
    case Situation::recovering:
      r.phase = Phase::recovering;
      r.reason = Reason::probe;
      r.last_error = "probe: stat: Transport endpoint is not connected";
      r.error_class = ErrorClass::network;
      break;
    case Situation::backoff:
      r.phase = Phase::backoff;
      r.reason = Reason::probe;
      r.attempts = 2;
      r.next_attempt_at = kNow;  // due right now
      r.last_error = "mount error(112): Host is down";
      r.error_class = ErrorClass::network;
      break;
    case Situation::unmounting_by_user:
      r.phase = Phase::unmounting;
      r.reason = Reason::user;
      r.desired = Desired::unmounted;
      r.idle_since = 0;
      break;
    case Situation::unmounting_idle:
      r.phase = Phase::unmounting;
      r.reason = Reason::idle;
      break;
    case Situation::failed:
      r = base_record();
      r.phase = Phase::failed;
      r.reason = Reason::error;
      r.attempts = 1;
      r.next_attempt_at = kNow;  // due right now
      r.last_error = "mount error(112): Host is down";
      r.error_class = ErrorClass::network;
      break;
  }
  return r;
}

const char* name_of(Situation s) {
  constexpr std::array names{"unmounted",         "mounting",          "mounted",
                             "degraded",          "recovering",        "backoff",
                             "unmounting (user)", "unmounting (idle)", "failed"};
  return names[static_cast<int>(s)];
}

// Every event kind, with each outcome that leads somewhere different.
enum class Ev {
  mount_requested,
  unmount_requested,
  force_unmount_requested,
  mount_ok,
  mount_failed,
  unmount_ok,
  unmount_busy,
  unmount_failed,
  probe_healthy,
  probe_ambiguous,
  probe_definite,
  tick,
  idle_busy,
  idle_quiet,
};
constexpr int kEvents = 14;

Event event(Ev e) {
  switch (e) {
    case Ev::mount_requested:
      return MountRequested{};
    case Ev::unmount_requested:
      return UnmountRequested{false};
    case Ev::force_unmount_requested:
      return UnmountRequested{true};
    case Ev::mount_ok:
      return kMountOk;
    case Ev::mount_failed:
      return kMountDown;
    case Ev::unmount_ok:
      return kUnmountOk;
    case Ev::unmount_busy:
      return kUnmountBusy;
    case Ev::unmount_failed:
      return kUnmountBroken;
    case Ev::probe_healthy:
      return kHealthy;
    case Ev::probe_ambiguous:
      return kTimedOut;
    case Ev::probe_definite:
      return kDead;
    case Ev::tick:
      return Tick{};
    case Ev::idle_busy:
      return IdleChecked{true};
    case Ev::idle_quiet:
      return IdleChecked{false};
  }
  return Tick{};
}

const char* name_of(Ev e) {
  constexpr std::array names{"mount requested", "unmount requested", "force unmount requested",
                             "mount ok",        "mount failed",      "unmount ok",
                             "unmount busy",    "unmount failed",    "probe healthy",
                             "probe ambiguous", "probe definite",    "tick",
                             "idle check busy", "idle check quiet"};
  return names[static_cast<int>(e)];
}

struct Row {
  Situation situation;
  Ev event;
  Phase next;
  Actions actions;
};

// clang-format off
const std::vector<Row> kTable = [] {
  using enum Phase;
  using enum Action;
  using S = Situation;
  return std::vector<Row>{
    {S::unmounted, Ev::mount_requested, mounting, {mount}},
    {S::unmounted, Ev::unmount_requested, unmounted, {}},
    {S::unmounted, Ev::force_unmount_requested, unmounted, {}},
    {S::unmounted, Ev::mount_ok, unmounted, {}},
    {S::unmounted, Ev::mount_failed, unmounted, {}},
    {S::unmounted, Ev::unmount_ok, unmounted, {}},
    {S::unmounted, Ev::unmount_busy, unmounted, {}},
    {S::unmounted, Ev::unmount_failed, unmounted, {}},
    {S::unmounted, Ev::probe_healthy, unmounted, {}},
    {S::unmounted, Ev::probe_ambiguous, unmounted, {}},
    {S::unmounted, Ev::probe_definite, unmounted, {}},
    {S::unmounted, Ev::tick, mounting, {mount}},
    {S::unmounted, Ev::idle_busy, unmounted, {}},
    {S::unmounted, Ev::idle_quiet, unmounted, {}},

    {S::mounting, Ev::mount_requested, mounting, {}},
    {S::mounting, Ev::unmount_requested, mounting, {}},
    {S::mounting, Ev::force_unmount_requested, mounting, {}},
    {S::mounting, Ev::mount_ok, mounted, {}},
    {S::mounting, Ev::mount_failed, failed, {}},
    {S::mounting, Ev::unmount_ok, mounting, {}},
    {S::mounting, Ev::unmount_busy, mounting, {}},
    {S::mounting, Ev::unmount_failed, mounting, {}},
    {S::mounting, Ev::probe_healthy, mounting, {}},
    {S::mounting, Ev::probe_ambiguous, mounting, {}},
    {S::mounting, Ev::probe_definite, mounting, {}},
    {S::mounting, Ev::tick, mounting, {}},
    {S::mounting, Ev::idle_busy, mounting, {}},
    {S::mounting, Ev::idle_quiet, mounting, {}},

    {S::mounted, Ev::mount_requested, mounted, {}},
    {S::mounted, Ev::unmount_requested, unmounting, {unmount}},
    {S::mounted, Ev::force_unmount_requested, unmounting, {force_unmount}},
    {S::mounted, Ev::mount_ok, mounted, {}},
    {S::mounted, Ev::mount_failed, mounted, {}},
    {S::mounted, Ev::unmount_ok, mounted, {}},
    {S::mounted, Ev::unmount_busy, mounted, {}},
    {S::mounted, Ev::unmount_failed, mounted, {}},
    {S::mounted, Ev::probe_healthy, mounted, {}},
    {S::mounted, Ev::probe_ambiguous, degraded, {}},
    {S::mounted, Ev::probe_definite, recovering, {force_unmount}},
    {S::mounted, Ev::tick, mounted, {probe}},
    {S::mounted, Ev::idle_busy, mounted, {}},
    {S::mounted, Ev::idle_quiet, unmounting, {unmount}},

    {S::degraded, Ev::mount_requested, degraded, {}},
    {S::degraded, Ev::unmount_requested, unmounting, {unmount}},
    {S::degraded, Ev::force_unmount_requested, unmounting, {force_unmount}},
    {S::degraded, Ev::mount_ok, degraded, {}},
    {S::degraded, Ev::mount_failed, degraded, {}},
    {S::degraded, Ev::unmount_ok, degraded, {}},
    {S::degraded, Ev::unmount_busy, degraded, {}},
    {S::degraded, Ev::unmount_failed, degraded, {}},
    {S::degraded, Ev::probe_healthy, mounted, {}},
    {S::degraded, Ev::probe_ambiguous, degraded, {}},
    {S::degraded, Ev::probe_definite, recovering, {force_unmount}},
    {S::degraded, Ev::tick, degraded, {probe}},
    {S::degraded, Ev::idle_busy, degraded, {}},
    {S::degraded, Ev::idle_quiet, degraded, {}},

    {S::recovering, Ev::mount_requested, recovering, {}},
    {S::recovering, Ev::unmount_requested, recovering, {}},
    {S::recovering, Ev::force_unmount_requested, recovering, {}},
    {S::recovering, Ev::mount_ok, mounted, {}},
    {S::recovering, Ev::mount_failed, backoff, {}},
    {S::recovering, Ev::unmount_ok, recovering, {mount}},
    {S::recovering, Ev::unmount_busy, recovering, {mount}},
    {S::recovering, Ev::unmount_failed, recovering, {mount}},
    {S::recovering, Ev::probe_healthy, recovering, {}},
    {S::recovering, Ev::probe_ambiguous, recovering, {}},
    {S::recovering, Ev::probe_definite, recovering, {}},
    {S::recovering, Ev::tick, recovering, {}},
    {S::recovering, Ev::idle_busy, recovering, {}},
    {S::recovering, Ev::idle_quiet, recovering, {}},

    {S::backoff, Ev::mount_requested, mounting, {mount}},
    {S::backoff, Ev::unmount_requested, unmounted, {}},
    {S::backoff, Ev::force_unmount_requested, unmounted, {}},
    {S::backoff, Ev::mount_ok, backoff, {}},
    {S::backoff, Ev::mount_failed, backoff, {}},
    {S::backoff, Ev::unmount_ok, backoff, {}},
    {S::backoff, Ev::unmount_busy, backoff, {}},
    {S::backoff, Ev::unmount_failed, backoff, {}},
    {S::backoff, Ev::probe_healthy, backoff, {}},
    {S::backoff, Ev::probe_ambiguous, backoff, {}},
    {S::backoff, Ev::probe_definite, backoff, {}},
    {S::backoff, Ev::tick, recovering, {mount}},
    {S::backoff, Ev::idle_busy, backoff, {}},
    {S::backoff, Ev::idle_quiet, backoff, {}},

    {S::unmounting_by_user, Ev::mount_requested, unmounting, {}},
    {S::unmounting_by_user, Ev::unmount_requested, unmounting, {}},
    {S::unmounting_by_user, Ev::force_unmount_requested, unmounting, {}},
    {S::unmounting_by_user, Ev::mount_ok, unmounting, {}},
    {S::unmounting_by_user, Ev::mount_failed, unmounting, {}},
    {S::unmounting_by_user, Ev::unmount_ok, unmounted, {}},
    {S::unmounting_by_user, Ev::unmount_busy, mounted, {}},
    {S::unmounting_by_user, Ev::unmount_failed, mounted, {}},
    {S::unmounting_by_user, Ev::probe_healthy, unmounting, {}},
    {S::unmounting_by_user, Ev::probe_ambiguous, unmounting, {}},
    {S::unmounting_by_user, Ev::probe_definite, unmounting, {}},
    {S::unmounting_by_user, Ev::tick, unmounting, {}},
    {S::unmounting_by_user, Ev::idle_busy, unmounting, {}},
    {S::unmounting_by_user, Ev::idle_quiet, unmounting, {}},

    {S::unmounting_idle, Ev::mount_requested, unmounting, {}},
    {S::unmounting_idle, Ev::unmount_requested, unmounting, {}},
    {S::unmounting_idle, Ev::force_unmount_requested, unmounting, {}},
    {S::unmounting_idle, Ev::mount_ok, unmounting, {}},
    {S::unmounting_idle, Ev::mount_failed, unmounting, {}},
    {S::unmounting_idle, Ev::unmount_ok, unmounted, {}},
    {S::unmounting_idle, Ev::unmount_busy, mounted, {}},
    {S::unmounting_idle, Ev::unmount_failed, mounted, {}},
    {S::unmounting_idle, Ev::probe_healthy, unmounting, {}},
    {S::unmounting_idle, Ev::probe_ambiguous, unmounting, {}},
    {S::unmounting_idle, Ev::probe_definite, unmounting, {}},
    {S::unmounting_idle, Ev::tick, unmounting, {}},
    {S::unmounting_idle, Ev::idle_busy, unmounting, {}},
    {S::unmounting_idle, Ev::idle_quiet, unmounting, {}},

    {S::failed, Ev::mount_requested, mounting, {mount}},
    {S::failed, Ev::unmount_requested, unmounted, {}},
    {S::failed, Ev::force_unmount_requested, unmounted, {}},
    {S::failed, Ev::mount_ok, failed, {}},
    {S::failed, Ev::mount_failed, failed, {}},
    {S::failed, Ev::unmount_ok, failed, {}},
    {S::failed, Ev::unmount_busy, failed, {}},
    {S::failed, Ev::unmount_failed, failed, {}},
    {S::failed, Ev::probe_healthy, failed, {}},
    {S::failed, Ev::probe_ambiguous, failed, {}},
    {S::failed, Ev::probe_definite, failed, {}},
    {S::failed, Ev::tick, mounting, {mount}},
    {S::failed, Ev::idle_busy, failed, {}},
    {S::failed, Ev::idle_quiet, failed, {}},
  };
}();
// clang-format on

TEST_CASE("the transition table names every situation and event exactly once") {
  std::array<std::array<int, kEvents>, kSituations> seen{};
  for (const Row& row : kTable)
    ++seen[static_cast<int>(row.situation)][static_cast<int>(row.event)];
  for (int s = 0; s < kSituations; ++s) {
    for (int e = 0; e < kEvents; ++e) {
      INFO(name_of(static_cast<Situation>(s)) << " x " << name_of(static_cast<Ev>(e)));
      CHECK(seen[s][e] == 1);
    }
  }
}

TEST_CASE("every phase answers every event with the phase and actions of the table") {
  for (const Row& row : kTable) {
    INFO(name_of(row.situation) << " x " << name_of(row.event));
    const MountRecord before = situation(row.situation);
    const Step s = step(before, event(row.event), default_policy(), kNow);
    CHECK(s.next.phase == row.next);
    CHECK(s.actions == row.actions);
    // `since` says when the phase was entered, so it moves exactly when the phase does; a
    // recovery's two phases keep the time it began (the protocol shows one "recovering").
    const auto is_recovery = [](Phase p) { return p == Phase::recovering || p == Phase::backoff; };
    if (s.next.phase != before.phase && !(is_recovery(s.next.phase) && is_recovery(before.phase))) {
      CHECK(s.next.since == kNow);
    } else {
      CHECK(s.next.since == before.since);
    }
    // A recovery waits (a time) or has a child in flight (none), never both or neither.
    if (s.next.phase == Phase::backoff) CHECK(s.next.next_attempt_at > 0);
    if (s.next.phase == Phase::recovering) CHECK(s.next.next_attempt_at == 0);
    // Identity never changes.
    CHECK(s.next.name == before.name);
    CHECK(s.next.mountpoint == before.mountpoint);
  }
}

TEST_CASE("step is a function of its arguments alone") {
  for (const Row& row : kTable) {
    INFO(name_of(row.situation) << " x " << name_of(row.event));
    const MountRecord before = situation(row.situation);
    const Step a = step(before, event(row.event), default_policy(), kNow);
    const Step b = step(before, event(row.event), default_policy(), kNow);
    CHECK(a.next == b.next);
    CHECK(a.actions == b.actions);
  }
}

TEST_CASE("at most one child is asked for per event") {
  for (const Row& row : kTable) CHECK(row.actions.size() <= 1);
}

// Which situations a child's result (or an idle check) is meant for.
bool result_applies(Situation s, Ev e) {
  using S = Situation;
  switch (e) {
    case Ev::mount_ok:
    case Ev::mount_failed:
      return s == S::mounting || s == S::recovering;
    case Ev::unmount_ok:
    case Ev::unmount_busy:
    case Ev::unmount_failed:
      return s == S::unmounting_by_user || s == S::unmounting_idle || s == S::recovering;
    case Ev::probe_healthy:
    case Ev::probe_ambiguous:
    case Ev::probe_definite:
      return s == S::mounted || s == S::degraded;
    case Ev::idle_busy:
    case Ev::idle_quiet:
      return s == S::mounted;
    case Ev::mount_requested:
    case Ev::unmount_requested:
    case Ev::force_unmount_requested:
    case Ev::tick:
      return true;  // requests and sweeps are never stale
  }
  return true;
}

TEST_CASE("a stale result for another phase is ignored") {
  int stale = 0;
  for (const Row& row : kTable) {
    if (result_applies(row.situation, row.event)) continue;
    INFO(name_of(row.situation) << " x " << name_of(row.event));
    const MountRecord before = situation(row.situation);
    const Step s = step(before, event(row.event), default_policy(), kNow);
    CHECK(s.next == before);
    CHECK(s.actions.empty());
    ++stale;
  }
  CHECK(stale == 69);  // the table really exercises them
}

TEST_CASE("a mount result while a recovery waits for its backoff is stale") {
  const MountRecord waiting = situation(Situation::backoff);
  for (const Event& e : {Event{kMountOk}, Event{kMountDown}, Event{kUnmountOk}}) {
    const Step s = step(waiting, e, default_policy(), kNow);
    CHECK(s.next == waiting);
    CHECK(s.actions.empty());
  }
}

// ---- requests

TEST_CASE("a person's mount request sets the intent in every phase") {
  for (int i = 0; i < kSituations; ++i) {
    MountRecord r = situation(static_cast<Situation>(i));
    r.desired = Desired::unmounted;
    INFO(name_of(static_cast<Situation>(i)));
    CHECK(step(r, MountRequested{}, default_policy(), kNow).next.desired == Desired::mounted);
  }
}

TEST_CASE("a person's unmount request sets the intent in every phase") {
  for (int i = 0; i < kSituations; ++i) {
    INFO(name_of(static_cast<Situation>(i)));
    const MountRecord r = situation(static_cast<Situation>(i));
    CHECK(step(r, UnmountRequested{}, default_policy(), kNow).next.desired == Desired::unmounted);
  }
}

TEST_CASE("a mount request starts afresh from unmounted, failed or a backoff wait") {
  for (Situation from : {Situation::unmounted, Situation::failed, Situation::backoff}) {
    INFO(name_of(from));
    const Step s = step(situation(from), MountRequested{}, default_policy(), kNow);
    CHECK(s.next.phase == Phase::mounting);
    CHECK(s.next.reason == Reason::user);
    CHECK(s.next.attempts == 0);
    CHECK(s.next.next_attempt_at == 0);
    CHECK(s.actions == Actions{Action::mount});
  }
}

TEST_CASE("an unmount request from mounted or degraded unmounts cleanly unless forced") {
  for (Situation from : {Situation::mounted, Situation::degraded}) {
    INFO(name_of(from));
    const Step clean = step(situation(from), UnmountRequested{false}, default_policy(), kNow);
    CHECK(clean.next.phase == Phase::unmounting);
    CHECK(clean.next.reason == Reason::user);
    CHECK(clean.next.idle_since == 0);
    CHECK(clean.actions == Actions{Action::unmount});
    const Step forced = step(situation(from), UnmountRequested{true}, default_policy(), kNow);
    CHECK(forced.actions == Actions{Action::force_unmount});
  }
}

TEST_CASE("an unmount request stops the retries of a failed or recovering mount") {
  for (Situation from : {Situation::failed, Situation::backoff}) {
    INFO(name_of(from));
    const Step s = step(situation(from), UnmountRequested{}, default_policy(), kNow);
    CHECK(s.next.phase == Phase::unmounted);
    CHECK(s.next.reason == Reason::user);
    CHECK(s.next.next_attempt_at == 0);
    CHECK(s.next.attempts == 0);
    CHECK(next_due(s.next, default_policy()) == 0);
    CHECK(s.actions.empty());
  }
}

// ---- mount results

TEST_CASE("a successful mount clears the failure record and keeps the reason it was asked for") {
  for (Reason reason : {Reason::user, Reason::sweep, Reason::retry}) {
    MountRecord r = situation(Situation::mounting);
    r.reason = reason;
    r.attempts = 4;
    r.consecutive_failures = 2;
    r.last_error = "mount error(112): Host is down";
    r.error_class = ErrorClass::network;
    r.idle_since = kNow - 5;
    const Step s = step(r, kMountOk, default_policy(), kNow);
    CHECK(s.next.phase == Phase::mounted);
    CHECK(s.next.reason == reason);
    CHECK(s.next.recoveries == 0);
    CHECK(s.next.attempts == 0);
    CHECK(s.next.consecutive_failures == 0);
    CHECK(s.next.next_attempt_at == 0);
    CHECK(s.next.last_error.empty());
    CHECK(s.next.error_class == ErrorClass::none);
    CHECK(s.next.device == 77);
    CHECK(s.next.idle_since == 0);
    CHECK(s.next.last_probe_at == kNow);
    CHECK(s.actions.empty());
  }
}

TEST_CASE("a successful remount counts as a recovery") {
  MountRecord r = situation(Situation::recovering);
  r.recoveries = 4;
  const Step s = step(r, kMountOk, default_policy(), kNow);
  CHECK(s.next.phase == Phase::mounted);
  CHECK(s.next.reason == Reason::recovered);
  CHECK(s.next.recoveries == 5);
  CHECK(s.next.last_error.empty());
}

TEST_CASE("a failed mount records the message and the class") {
  const Step s = step(situation(Situation::mounting), kMountDown, default_policy(), kNow);
  CHECK(s.next.last_error == "mount error(112): Host is down");
  CHECK(s.next.error_class == ErrorClass::network);
  CHECK(s.next.attempts == 1);
  CHECK(s.next.reason == Reason::error);
}

TEST_CASE("a transient mount failure retries slowly after failed_retry_sec") {
  for (ErrorClass c :
       {ErrorClass::network, ErrorClass::busy, ErrorClass::timeout, ErrorClass::unknown}) {
    INFO(to_string(c));
    const MountFinished failure{false, c, "oops", 0, "", ""};
    const Step s = step(situation(Situation::mounting), failure, default_policy(), kNow);
    CHECK(s.next.phase == Phase::failed);
    CHECK(s.next.next_attempt_at == kNow + 30);
    CHECK(next_due(s.next, default_policy()) == kNow + 30);
  }
}

TEST_CASE("an auth failure is never retried automatically") {
  Share share{situation(Situation::mounting)};
  CHECK(share.on(kMountAuth).empty());
  CHECK(share.r.phase == Phase::failed);
  CHECK(share.r.error_class == ErrorClass::auth);
  CHECK(share.r.next_attempt_at == 0);
  CHECK(next_due(share.r, share.policy) == 0);
  for (int hour = 1; hour <= 48; ++hour) {
    share.wait(3600);
    CHECK(share.on(Tick{}).empty());
  }
  CHECK(share.r.phase == Phase::failed);
  // Only a person starts it again.
  CHECK(share.on(MountRequested{}) == Actions{Action::mount});
}

TEST_CASE("auth and config failures during a recovery stop it at once") {
  for (const MountFinished& failure : {kMountAuth, kMountConfig}) {
    INFO(failure.message);
    const Step s = step(situation(Situation::recovering), failure, default_policy(), kNow);
    CHECK(s.next.phase == Phase::failed);
    CHECK(s.next.reason == Reason::error);
    CHECK(s.next.next_attempt_at == 0);
  }
}

TEST_CASE("a failure without a class is not retried") {
  const MountFinished unclassified{false, ErrorClass::none, "exit status 1", 0, "", ""};
  const Step s = step(situation(Situation::mounting), unclassified, default_policy(), kNow);
  CHECK(s.next.phase == Phase::failed);
  CHECK(s.next.error_class == ErrorClass::none);
  CHECK(s.next.next_attempt_at == 0);
}

// ---- unmount results

TEST_CASE("a person's unmount leaves the share unmounted and clears old errors") {
  MountRecord r = situation(Situation::unmounting_by_user);
  r.last_error = "probe: timed out after 5 s";
  r.error_class = ErrorClass::timeout;
  const Step s = step(r, kUnmountOk, default_policy(), kNow);
  CHECK(s.next.phase == Phase::unmounted);
  CHECK(s.next.reason == Reason::user);
  CHECK(s.next.last_error.empty());
  CHECK(s.next.error_class == ErrorClass::none);
  CHECK(s.next.desired == Desired::unmounted);
  CHECK(s.actions.empty());
}

TEST_CASE("a refused unmount keeps the share mounted and tells the person why") {
  const Step s =
      step(situation(Situation::unmounting_by_user), kUnmountBusy, default_policy(), kNow);
  CHECK(s.next.phase == Phase::mounted);
  CHECK(s.next.reason == Reason::user);
  CHECK(s.next.desired == Desired::mounted);
  CHECK(s.next.last_error == "unmount refused: target is busy");
  CHECK(s.next.error_class == ErrorClass::busy);
  CHECK(s.actions.empty());
}

TEST_CASE("a failed unmount keeps the share mounted and wanted") {
  for (Situation from : {Situation::unmounting_by_user, Situation::unmounting_idle}) {
    INFO(name_of(from));
    const Step s = step(situation(from), kUnmountBroken, default_policy(), kNow);
    CHECK(s.next.phase == Phase::mounted);
    CHECK(s.next.desired == Desired::mounted);
    CHECK(s.next.last_error == "unmount failed: Invalid argument");
    CHECK(s.next.error_class == ErrorClass::unknown);
    CHECK(s.next.idle_since == 0);
  }
}

// ---- probes

TEST_CASE("a healthy probe in mounted only stamps the time") {
  MountRecord r = situation(Situation::mounted);
  const Step s = step(r, kHealthy, default_policy(), kNow);
  r.last_probe_at = kNow;
  CHECK(s.next == r);
}

TEST_CASE("a healthy probe brings a degraded share back and clears the error") {
  const Step s = step(situation(Situation::degraded), kHealthy, default_policy(), kNow);
  CHECK(s.next.phase == Phase::mounted);
  CHECK(s.next.reason == Reason::probe);
  CHECK(s.next.consecutive_failures == 0);
  CHECK(s.next.last_error.empty());
  CHECK(s.next.error_class == ErrorClass::none);
  CHECK(s.next.last_probe_at == kNow);
}

TEST_CASE("a healthy probe records the root's inode once and whether it had entries") {
  Share share{situation(Situation::mounted)};
  share.on(ProbeFinished{ProbeOutcome::healthy, "", 1234, 0});
  CHECK(share.r.root_inode == 1234);
  CHECK_FALSE(share.r.root_had_entries);
  share.on(ProbeFinished{ProbeOutcome::healthy, "", 99, 3});
  CHECK(share.r.root_inode == 1234);  // the first one seen is the mounted one
  CHECK(share.r.root_had_entries);
  share.on(ProbeFinished{ProbeOutcome::healthy, "", 1234, 0});
  CHECK(share.r.root_had_entries);  // once it had content, an empty root is suspect
  share.on(ProbeFinished{ProbeOutcome::ambiguous, "x", 555, 7});
  CHECK(share.r.root_inode == 1234);  // a failed probe records nothing
}

TEST_CASE("a remount forgets the root's inode but keeps that the share had content") {
  Share share{situation(Situation::mounted)};
  share.r.root_inode = 1234;
  share.r.root_had_entries = true;
  share.on(kDead);
  share.on(kUnmountOk);
  share.on(kMountOk);
  CHECK(share.r.phase == Phase::mounted);
  CHECK(share.r.root_inode == 0);
  CHECK(share.r.root_had_entries);
}

TEST_CASE("a person's unmount forgets that the share had content, an idle one does not") {
  Share by_user{situation(Situation::mounted)};
  by_user.r.root_had_entries = true;
  by_user.on(UnmountRequested{});
  by_user.on(kUnmountOk);
  CHECK(by_user.r.phase == Phase::unmounted);
  CHECK_FALSE(by_user.r.root_had_entries);

  Share idle{situation(Situation::unmounting_idle)};
  idle.r.root_had_entries = true;
  idle.on(kUnmountOk);
  CHECK(idle.r.phase == Phase::unmounted);
  CHECK(idle.r.root_had_entries);

  Share failed{situation(Situation::failed)};
  failed.r.root_had_entries = true;
  failed.on(UnmountRequested{});
  CHECK_FALSE(failed.r.root_had_entries);
}

TEST_CASE("an ambiguous probe is classed as a timeout only when it timed out, whatever it says") {
  struct Case {
    ProbeOutcome outcome;
    const char* detail;
    ErrorClass error_class;
  };
  const Case cases[] = {
      {ProbeOutcome::timed_out, "timed out after 5 s", ErrorClass::timeout},
      {ProbeOutcome::timed_out, "", ErrorClass::timeout},
      // Text proves nothing: a probe_path may be named so, a helper may say anything.
      {ProbeOutcome::ambiguous, "probe_path /srv/timeout.txt does not exist on the share",
       ErrorClass::unknown},
      {ProbeOutcome::ambiguous, "probe child failed: timed out waiting", ErrorClass::unknown},
      {ProbeOutcome::ambiguous, "stat: Permission denied", ErrorClass::unknown},
      {ProbeOutcome::ambiguous, "", ErrorClass::unknown},
  };
  for (const auto& [outcome, detail, error_class] : cases) {
    INFO(detail);
    const ProbeFinished probe{outcome, detail};
    const Step s = step(situation(Situation::mounted), probe, default_policy(), kNow);
    CHECK(s.next.phase == Phase::degraded);
    CHECK(s.next.reason == Reason::probe);
    CHECK(s.next.consecutive_failures == 1);
    CHECK(s.next.last_error == std::string("probe: ") + detail);
    CHECK(s.next.error_class == error_class);
  }
}

TEST_CASE("ambiguous failures recover only at the threshold") {
  // threshold, failures in a row -> phase after them
  struct Case {
    int threshold;
    int failures;
    Phase phase;
  };
  const Case cases[] = {
      {3, 1, Phase::degraded},   {3, 2, Phase::degraded}, {3, 3, Phase::recovering},
      {1, 1, Phase::recovering}, {5, 4, Phase::degraded}, {5, 5, Phase::recovering},
  };
  for (const auto& [threshold, failures, phase] : cases) {
    INFO("threshold " << threshold << ", failures " << failures);
    Share share{situation(Situation::mounted)};
    share.policy.probe_failure_threshold = threshold;
    Actions last;
    for (int i = 0; i < failures; ++i) {
      share.wait(60);
      last = share.on(kTimedOut);
    }
    CHECK(share.r.phase == phase);
    CHECK(last == (phase == Phase::recovering ? Actions{Action::force_unmount} : Actions{}));
  }
}

TEST_CASE("a healthy probe between ambiguous ones starts the count again") {
  Share share{situation(Situation::mounted)};
  for (const ProbeFinished& p : {kTimedOut, kTimedOut, kHealthy, kTimedOut, kTimedOut}) {
    share.wait(60);
    CHECK(share.on(p).empty());
  }
  CHECK(share.r.phase == Phase::degraded);
  CHECK(share.r.consecutive_failures == 2);
}

TEST_CASE("three ambiguous timeouts start a recovery") {
  Share share{situation(Situation::mounted)};
  share.wait(60);
  CHECK(share.on(kTimedOut).empty());
  CHECK(share.r.phase == Phase::degraded);
  const std::int64_t degraded_since = share.r.since;
  share.wait(60);
  CHECK(share.on(kTimedOut).empty());
  CHECK(share.r.since == degraded_since);  // still the same degradation
  share.wait(60);
  CHECK(share.on(kTimedOut) == Actions{Action::force_unmount});
  CHECK(share.r.phase == Phase::recovering);
  CHECK(share.r.reason == Reason::probe);
  CHECK(share.r.consecutive_failures == 0);
  CHECK(share.r.attempts == 0);
  CHECK(share.r.error_class == ErrorClass::timeout);
  CHECK(share.r.last_error == "probe: timed out after 5 s");
  CHECK(share.on(kUnmountOk) == Actions{Action::mount});
  CHECK(share.on(kMountOk).empty());
  CHECK(share.r.phase == Phase::mounted);
  CHECK(share.r.recoveries == 1);
}

TEST_CASE("a definite probe failure recovers at once") {
  for (Situation from : {Situation::mounted, Situation::degraded}) {
    INFO(name_of(from));
    const Step s = step(situation(from), kDead, default_policy(), kNow);
    CHECK(s.next.phase == Phase::recovering);
    CHECK(s.next.reason == Reason::probe);
    CHECK(s.next.error_class == ErrorClass::network);
    CHECK(s.next.last_error == "probe: stat: Transport endpoint is not connected");
    CHECK(s.next.consecutive_failures == 0);
    CHECK(s.next.attempts == 0);
    CHECK(s.next.next_attempt_at == 0);
    CHECK(s.next.last_probe_at == kNow);
    CHECK(s.actions == Actions{Action::force_unmount});
  }
}

// ---- recovery

TEST_CASE("a kill -9 of the FUSE daemon is recovered with one force unmount and a remount") {
  Share share{situation(Situation::mounted)};
  share.r.fstype = "fuse.sshfs";
  share.wait(60);
  CHECK(share.on(Tick{}) == Actions{Action::probe});
  CHECK(share.on(kDead) == Actions{Action::force_unmount});
  CHECK(next_due(share.r, share.policy) == 0);  // the child's result drives it, not a timer
  share.wait(1);
  CHECK(share.on(kUnmountOk) == Actions{Action::mount});
  CHECK(share.r.phase == Phase::recovering);
  share.wait(1);
  CHECK(share.on(MountFinished{true, ErrorClass::none, "", 99, "", ""}).empty());
  CHECK(share.r.phase == Phase::mounted);
  CHECK(share.r.reason == Reason::recovered);
  CHECK(share.r.recoveries == 1);
  CHECK(share.r.device == 99);
  CHECK(share.r.last_error.empty());
  CHECK(share.r.since == share.now);
  CHECK(share.r.desired == Desired::mounted);
}

TEST_CASE("a failed force unmount still tries the remount and says what happened") {
  Share share{situation(Situation::recovering)};
  CHECK(share.on(UnmountFinished{false, false, "umount2: Device or resource busy"}) ==
        Actions{Action::mount});
  CHECK(share.r.phase == Phase::recovering);
  CHECK(share.r.last_error == "force unmount: umount2: Device or resource busy");
  // The shell finds the path occupied and reports it as busy: the backoff starts.
  CHECK(share.on(MountFinished{false, ErrorClass::busy, "mount point is occupied", 0, "", ""})
            .empty());
  CHECK(share.r.phase == Phase::backoff);
  CHECK(share.r.next_attempt_at == share.now + 2);
}

TEST_CASE("recovery walks the capped backoff then falls back to slow retries") {
  Share share{situation(Situation::mounted)};
  CHECK(share.on(kDead) == Actions{Action::force_unmount});
  const std::int64_t recovering_since = share.now;
  CHECK(share.on(kUnmountOk) == Actions{Action::mount});

  // Failures 1..5 wait 2, 5, 15, 30, 60 s before the next remount.
  for (int wait : {2, 5, 15, 30, 60}) {
    share.wait(1);
    CHECK(share.on(kMountDown).empty());
    INFO("waiting " << wait << " s");
    CHECK(share.r.phase == Phase::backoff);
    CHECK(share.r.since == recovering_since);  // one recovery: since is when it began
    CHECK(share.r.next_attempt_at == share.now + wait);
    CHECK(next_due(share.r, share.policy) == share.now + wait);
    share.wait(wait - 1);
    CHECK(share.on(Tick{}).empty());  // not due yet
    share.wait(1);
    CHECK(share.on(Tick{}) == Actions{Action::mount});
    CHECK(share.r.phase == Phase::recovering);
    CHECK(share.r.since == recovering_since);
    CHECK(share.r.next_attempt_at == 0);
  }
  // The sixth failure gives up on the fast path.
  CHECK(share.on(kMountDown).empty());
  CHECK(share.r.phase == Phase::failed);
  CHECK(share.r.reason == Reason::error);
  CHECK(share.r.attempts == 6);
  CHECK(share.r.next_attempt_at == share.now + 30);

  // The seventh attempt is a slow retry, which fails into the same slow rhythm.
  share.wait(29);
  CHECK(share.on(Tick{}).empty());
  share.wait(1);
  CHECK(share.on(Tick{}) == Actions{Action::mount});
  CHECK(share.r.phase == Phase::mounting);
  CHECK(share.r.reason == Reason::retry);
  CHECK(share.on(kMountDown).empty());
  CHECK(share.r.phase == Phase::failed);
  CHECK(share.r.attempts == 7);
  CHECK(share.r.next_attempt_at == share.now + 30);

  // And when the server is back, the retry mounts it.
  share.wait(30);
  CHECK(share.on(Tick{}) == Actions{Action::mount});
  CHECK(share.on(kMountOk).empty());
  CHECK(share.r.phase == Phase::mounted);
  CHECK(share.r.attempts == 0);
}

TEST_CASE("failed_retry_sec = 0 disables the slow retries") {
  SECTION("after a recovery runs out of backoff") {
    Share share{situation(Situation::recovering)};
    share.policy.failed_retry_sec = 0;
    share.policy.recover_backoff_sec = {2};
    CHECK(share.on(kMountDown).empty());
    share.wait(2);
    CHECK(share.on(Tick{}) == Actions{Action::mount});
    CHECK(share.on(kMountDown).empty());
    CHECK(share.r.phase == Phase::failed);
    CHECK(share.r.next_attempt_at == 0);
    CHECK(next_due(share.r, share.policy) == 0);
    share.wait(86400);
    CHECK(share.on(Tick{}).empty());
  }
  SECTION("after a first mount fails") {
    Share share{situation(Situation::mounting)};
    share.policy.failed_retry_sec = 0;
    CHECK(share.on(kMountDown).empty());
    CHECK(share.r.phase == Phase::failed);
    CHECK(share.r.next_attempt_at == 0);
  }
}

TEST_CASE("an empty backoff list sends a failing recovery straight to slow retries") {
  Share share{situation(Situation::recovering)};
  share.policy.recover_backoff_sec.clear();
  CHECK(share.on(kMountDown).empty());
  CHECK(share.r.phase == Phase::failed);
  CHECK(share.r.next_attempt_at == share.now + 30);
}

TEST_CASE("a share lost from the mount table is remounted as a recovery") {
  Share share{situation(Situation::unmounted)};
  share.r.reason = Reason::lost;
  share.r.finding = Finding::lost;
  CHECK(share.on(Tick{}) == Actions{Action::mount});
  CHECK(share.r.phase == Phase::recovering);
  CHECK(share.r.reason == Reason::lost);
  CHECK(share.r.attempts == 0);
  CHECK(share.on(kMountOk).empty());
  CHECK(share.r.reason == Reason::recovered);
  CHECK(share.r.recoveries == 1);
}

// ---- sweeps

TEST_CASE("a sweep never remounts what a person unmounted") {
  for (int i = 0; i < kSituations; ++i) {
    INFO(name_of(static_cast<Situation>(i)));
    MountRecord r = situation(static_cast<Situation>(i));
    r.desired = Desired::unmounted;
    for (Reason reason : {Reason::user, Reason::lost, Reason::idle, Reason::reconcile}) {
      r.reason = reason;
      const Step s = step(r, Tick{}, default_policy(), kNow + 86400);
      CHECK(s.next == r);
      CHECK(s.actions.empty());
    }
  }
}

TEST_CASE("a sweep never unmounts what a person mounted") {
  for (int i = 0; i < kSituations; ++i) {
    const auto from = static_cast<Situation>(i);
    INFO(name_of(from));
    const MountRecord before = situation(from);
    const Step s = step(before, Tick{}, default_policy(), kNow);
    CHECK(s.next.desired == before.desired);
    for (Action a : s.actions) {
      CHECK(a != Action::unmount);
      CHECK(a != Action::force_unmount);
    }
  }
}

TEST_CASE("a sweep mounts a wanted share that is simply not mounted") {
  const Step s = step(situation(Situation::unmounted), Tick{}, default_policy(), kNow);
  CHECK(s.next.phase == Phase::mounting);
  CHECK(s.next.reason == Reason::sweep);
  CHECK(s.actions == Actions{Action::mount});
}

TEST_CASE("a sweep never mounts onto someone else's mount") {
  MountRecord r = situation(Situation::unmounted);
  r.finding = Finding::conflict;
  for (Reason reason : {Reason::reconcile, Reason::lost, Reason::user}) {
    r.reason = reason;
    const Step s = step(r, Tick{}, default_policy(), kNow);
    CHECK(s.next == r);
    CHECK(s.actions.empty());
  }
}

TEST_CASE("a sweep probes only once the probe interval has passed") {
  // seconds since the last probe -> probe?
  const std::pair<std::int64_t, bool> cases[] = {{0, false}, {59, false}, {60, true}, {600, true}};
  for (Situation from : {Situation::mounted, Situation::degraded}) {
    for (const auto& [age, probes] : cases) {
      INFO(name_of(from) << ", last probe " << age << " s ago");
      MountRecord r = situation(from);
      r.last_probe_at = kNow - age;
      const Step s = step(r, Tick{}, default_policy(), kNow);
      CHECK(s.next == r);  // the probe's result stamps the time, not the request
      CHECK(s.actions == (probes ? Actions{Action::probe} : Actions{}));
    }
  }
}

TEST_CASE("a sweep retries a failed mount only when its retry is due") {
  MountRecord r = situation(Situation::failed);
  r.next_attempt_at = kNow + 10;
  CHECK(step(r, Tick{}, default_policy(), kNow + 9).actions.empty());
  const Step s = step(r, Tick{}, default_policy(), kNow + 10);
  CHECK(s.next.phase == Phase::mounting);
  CHECK(s.next.reason == Reason::retry);
  CHECK(s.next.next_attempt_at == 0);
  CHECK(s.next.since == kNow + 10);
  CHECK(s.actions == Actions{Action::mount});
}

TEST_CASE("a due backoff remounts without leaving the recovery") {
  MountRecord r = situation(Situation::backoff);
  const Step s = step(r, Tick{}, default_policy(), kNow + 3);
  CHECK(s.next.phase == Phase::recovering);
  CHECK(s.next.since == r.since);
  CHECK(s.next.next_attempt_at == 0);
  CHECK(s.next.attempts == 2);
  CHECK(s.actions == Actions{Action::mount});
}

TEST_CASE("a sweep --now retries a transient failure before its slot") {
  MountRecord r = situation(Situation::failed);
  r.next_attempt_at = kNow + 3600;
  CHECK(step(r, Tick{}, default_policy(), kNow).actions.empty());
  const Step s = step(r, Tick{true}, default_policy(), kNow);
  CHECK(s.next.phase == Phase::mounting);
  CHECK(s.next.reason == Reason::retry);
  CHECK(s.next.next_attempt_at == 0);
  CHECK(s.actions == Actions{Action::mount});
}

TEST_CASE("a sweep --now remounts a waiting recovery before its backoff slot") {
  MountRecord r = situation(Situation::backoff);
  r.next_attempt_at = kNow + 600;
  CHECK(step(r, Tick{}, default_policy(), kNow).actions.empty());
  const Step s = step(r, Tick{true}, default_policy(), kNow);
  CHECK(s.next.phase == Phase::recovering);
  CHECK(s.next.next_attempt_at == 0);
  CHECK(s.actions == Actions{Action::mount});
}

TEST_CASE("a sweep --now never retries what is never retried, nor mounts twice") {
  // auth and config failures (no retry scheduled) wait for a person, as with a plain sweep.
  for (const MountFinished& failure : {kMountAuth, kMountConfig}) {
    INFO(failure.message);
    Share share{situation(Situation::mounting)};
    share.on(failure);
    REQUIRE(share.r.phase == Phase::failed);
    CHECK(share.on(Tick{true}).empty());
  }
  // A remount in flight (no retry scheduled) is not started again.
  CHECK(step(situation(Situation::recovering), Tick{true}, default_policy(), kNow).actions.empty());
  // What a person unmounted stays unmounted.
  MountRecord r = situation(Situation::failed);
  r.next_attempt_at = kNow + 3600;
  r.desired = state::Desired::unmounted;
  CHECK(step(r, Tick{true}, default_policy(), kNow).actions.empty());
}

TEST_CASE("a sweep --now probes a mounted share whatever its probe interval") {
  for (Situation from : {Situation::mounted, Situation::degraded}) {
    INFO(name_of(from));
    MountRecord r = situation(from);
    r.last_probe_at = kNow;
    CHECK(step(r, Tick{}, default_policy(), kNow).actions.empty());
    CHECK(step(r, Tick{true}, default_policy(), kNow).actions == Actions{Action::probe});
  }
}

// ---- idle unmount

TEST_CASE("an idle share is unmounted cleanly after idle_unmount_min of quiet checks") {
  Share share{situation(Situation::mounted)};
  share.r.idle_since = 0;
  CHECK(share.on(IdleChecked{false}).empty());
  CHECK(share.r.idle_since == share.now);
  share.wait(599);
  CHECK(share.on(IdleChecked{false}).empty());
  CHECK(share.r.idle_since == kNow);
  share.wait(1);
  CHECK(share.on(IdleChecked{false}) == Actions{Action::unmount});
  CHECK(share.r.phase == Phase::unmounting);
  CHECK(share.r.reason == Reason::idle);
  CHECK(share.r.desired == Desired::mounted);
  CHECK(share.on(kUnmountOk).empty());
  CHECK(share.r.phase == Phase::unmounted);
  CHECK(share.r.reason == Reason::idle);
  CHECK(share.r.idle_since == 0);
}

TEST_CASE("fractional idle minutes count in whole seconds") {
  Share share{situation(Situation::mounted)};
  share.policy.idle_unmount_min = 0.05;  // 3 s, so integration tests need not wait minutes
  share.r.idle_since = share.now;
  share.wait(2);
  CHECK(share.on(IdleChecked{false}).empty());
  share.wait(1);
  CHECK(share.on(IdleChecked{false}) == Actions{Action::unmount});
}

TEST_CASE("anything open on the share restarts the idle clock") {
  Share share{situation(Situation::mounted)};
  CHECK(share.on(IdleChecked{true}).empty());
  CHECK(share.r.idle_since == 0);
  CHECK(share.r.phase == Phase::mounted);
}

TEST_CASE("idle unmount is off when idle_unmount_min is 0") {
  Share share{situation(Situation::mounted)};
  share.policy.idle_unmount_min = 0;
  share.wait(86400);
  const MountRecord before = share.r;
  CHECK(share.on(IdleChecked{false}).empty());
  CHECK(share.on(IdleChecked{true}).empty());
  CHECK(share.r == before);
}

TEST_CASE("a degraded share is not idle-unmounted") {
  Share share{situation(Situation::degraded)};
  const MountRecord before = share.r;
  share.wait(86400);
  CHECK(share.on(IdleChecked{false}).empty());
  CHECK(share.r == before);
}

TEST_CASE("an idle-unmounted share stays unmounted until asked") {
  Share share{situation(Situation::unmounting_idle)};
  CHECK(share.on(kUnmountOk).empty());
  CHECK(share.r.phase == Phase::unmounted);
  for (int day = 1; day <= 7; ++day) {
    share.wait(86400);
    CHECK(share.on(Tick{}).empty());
  }
  CHECK(share.r.phase == Phase::unmounted);
  CHECK(share.on(MountRequested{}) == Actions{Action::mount});
  CHECK(share.r.phase == Phase::mounting);
  CHECK(share.r.reason == Reason::user);
}

TEST_CASE("EBUSY resets the idle clock") {
  Share share{situation(Situation::mounted)};
  CHECK(share.on(IdleChecked{false}) == Actions{Action::unmount});
  share.wait(1);
  CHECK(share.on(kUnmountBusy).empty());
  CHECK(share.r.phase == Phase::mounted);
  CHECK(share.r.reason == Reason::idle);
  CHECK(share.r.idle_since == 0);
  CHECK(share.r.desired == Desired::mounted);
  CHECK(share.r.last_error.empty());  // expected, not an error
  CHECK(share.r.error_class == ErrorClass::none);
  // The next quiet check starts a whole new idle period.
  share.wait(60);
  CHECK(share.on(IdleChecked{false}).empty());
  CHECK(share.r.idle_since == share.now);
  share.wait(599);
  CHECK(share.on(IdleChecked{false}).empty());
  share.wait(1);
  CHECK(share.on(IdleChecked{false}) == Actions{Action::unmount});
}

TEST_CASE("a mount request during an idle unmount mounts again afterwards") {
  Share share{situation(Situation::unmounting_idle)};
  CHECK(share.on(MountRequested{}).empty());
  CHECK(share.on(kUnmountOk) == Actions{Action::mount});
  CHECK(share.r.phase == Phase::mounting);
  CHECK(share.r.reason == Reason::user);
}

TEST_CASE("a mount request during an idle unmount that is refused is not an error") {
  Share share{situation(Situation::unmounting_idle)};
  CHECK(share.on(MountRequested{}).empty());
  CHECK(share.on(kUnmountBusy).empty());
  CHECK(share.r.phase == Phase::mounted);
  CHECK(share.r.desired == Desired::mounted);
  CHECK(share.r.last_error.empty());
}

TEST_CASE("an unmount request during an idle unmount hears about a refusal") {
  Share share{situation(Situation::unmounting_idle)};
  CHECK(share.on(UnmountRequested{}).empty());
  CHECK(share.r.reason == Reason::user);
  SECTION("refused") {
    CHECK(share.on(kUnmountBusy).empty());
    CHECK(share.r.phase == Phase::mounted);
    CHECK(share.r.desired == Desired::mounted);
    CHECK(share.r.last_error == "unmount refused: target is busy");
    CHECK(share.r.error_class == ErrorClass::busy);
  }
  SECTION("done") {
    CHECK(share.on(kUnmountOk).empty());
    CHECK(share.r.phase == Phase::unmounted);
    CHECK(share.r.reason == Reason::user);
    CHECK(share.r.desired == Desired::unmounted);
  }
}

// ---- a person changing their mind

TEST_CASE("a person's unmount while mounting unmounts once the mount lands") {
  Share share{situation(Situation::mounting)};
  CHECK(share.on(UnmountRequested{}).empty());
  CHECK(share.r.phase == Phase::mounting);
  CHECK(share.r.desired == Desired::unmounted);
  SECTION("the mount works") {
    CHECK(share.on(kMountOk) == Actions{Action::unmount});
    CHECK(share.r.phase == Phase::unmounting);
    CHECK(share.r.reason == Reason::user);
    CHECK(share.r.device == 77);
    CHECK(share.on(kUnmountOk).empty());
    CHECK(share.r.phase == Phase::unmounted);
    CHECK(share.r.reason == Reason::user);
  }
  SECTION("the mount fails: nothing is retried") {
    CHECK(share.on(kMountDown).empty());
    CHECK(share.r.phase == Phase::unmounted);
    CHECK(share.r.reason == Reason::user);
    CHECK(share.r.next_attempt_at == 0);
    CHECK(share.r.attempts == 0);
    CHECK(share.r.last_error == "mount error(112): Host is down");
    CHECK(next_due(share.r, share.policy) == 0);
  }
}

TEST_CASE("a person's mount while unmounting mounts again once the unmount lands") {
  Share share{situation(Situation::mounted)};
  CHECK(share.on(UnmountRequested{}) == Actions{Action::unmount});
  CHECK(share.on(MountRequested{}).empty());
  CHECK(share.r.phase == Phase::unmounting);
  CHECK(share.r.desired == Desired::mounted);
  SECTION("the unmount works") {
    CHECK(share.on(kUnmountOk) == Actions{Action::mount});
    CHECK(share.r.phase == Phase::mounting);
    CHECK(share.r.reason == Reason::user);
    CHECK(share.on(kMountOk).empty());
    CHECK(share.r.phase == Phase::mounted);
  }
  SECTION("the unmount is refused: it stays mounted, which is what they want now") {
    CHECK(share.on(kUnmountBusy).empty());
    CHECK(share.r.phase == Phase::mounted);
    CHECK(share.r.last_error.empty());
  }
}

TEST_CASE("a person's unmount during a recovery wins over the remount") {
  SECTION("the force unmount finishes") {
    Share share{situation(Situation::recovering)};
    CHECK(share.on(UnmountRequested{}).empty());
    CHECK(share.on(kUnmountOk).empty());
    CHECK(share.r.phase == Phase::unmounted);
    CHECK(share.r.reason == Reason::user);
    CHECK(share.r.last_error.empty());
  }
  SECTION("the force unmount fails") {
    Share share{situation(Situation::recovering)};
    CHECK(share.on(UnmountRequested{}).empty());
    CHECK(share.on(kUnmountBroken).empty());
    CHECK(share.r.phase == Phase::unmounted);
    CHECK(share.r.last_error == "force unmount: Invalid argument");
  }
  SECTION("the remount lands") {
    Share share{situation(Situation::recovering)};
    CHECK(share.on(UnmountRequested{}).empty());
    CHECK(share.on(kMountOk) == Actions{Action::unmount});
    CHECK(share.r.phase == Phase::unmounting);
    CHECK(share.r.recoveries == 1);
  }
  SECTION("the remount fails") {
    Share share{situation(Situation::recovering)};
    CHECK(share.on(UnmountRequested{}).empty());
    CHECK(share.on(kMountDown).empty());
    CHECK(share.r.phase == Phase::unmounted);
    CHECK(share.r.next_attempt_at == 0);
  }
}

// ---- next_due and error classes

TEST_CASE("only a wanted mount waiting to retry has a due time") {
  struct Case {
    Phase phase;
    Desired desired;
    std::int64_t next_attempt_at;
    std::int64_t due;
  };
  const Case cases[] = {
      {Phase::backoff, Desired::mounted, kNow + 5, kNow + 5},
      {Phase::failed, Desired::mounted, kNow + 30, kNow + 30},
      {Phase::failed, Desired::mounted, 0, 0},
      {Phase::recovering, Desired::mounted, 0, 0},
      {Phase::backoff, Desired::unmounted, kNow + 5, 0},
      {Phase::failed, Desired::unmounted, kNow + 30, 0},
      {Phase::mounted, Desired::mounted, kNow + 5, 0},
      {Phase::degraded, Desired::mounted, kNow + 5, 0},
      {Phase::unmounted, Desired::mounted, kNow + 5, 0},
      {Phase::mounting, Desired::mounted, kNow + 5, 0},
      {Phase::unmounting, Desired::mounted, kNow + 5, 0},
  };
  for (const auto& [phase, desired, next_attempt_at, due] : cases) {
    INFO(state::to_string(phase) << ", desired " << state::to_string(desired));
    MountRecord r = base_record();
    r.phase = phase;
    r.desired = desired;
    r.next_attempt_at = next_attempt_at;
    CHECK(next_due(r, default_policy()) == due);
  }
}

TEST_CASE("a mount that is probed often is never due") {
  MountRecord r = situation(Situation::mounted);
  config::MountSettings p = default_policy();
  p.probe_interval_sec = 1;
  CHECK(next_due(r, p) == 0);
}

// ---- the logon budget for failures without a known reason

// Drives a failing share with a Tick every 10 s for `seconds`, failing each mount with
// `cls`; returns the times of the mount attempts.
std::vector<std::int64_t> attempts_while_failing(Share& share, ErrorClass cls,
                                                 std::int64_t seconds) {
  std::vector<std::int64_t> at;
  const MountFinished failure{false, cls, "exit status 1", 0, "", ""};
  const std::int64_t end = share.now + seconds;
  for (; share.now < end; share.wait(10)) {
    if (share.on(Tick{}) == Actions{Action::mount}) {
      at.push_back(share.now);
      CHECK(share.on(failure).empty());
    }
  }
  return at;
}

int most_in_any_hour(const std::vector<std::int64_t>& at) {
  int most = 0;
  for (std::size_t i = 0; i < at.size(); ++i) {
    int n = 0;
    for (std::size_t j = i; j < at.size() && at[j] < at[i] + 3600; ++j) ++n;
    most = std::max(most, n);
  }
  return most;
}

TEST_CASE("failures without a known reason are retried at most 3 times in any hour") {
  struct Case {
    ErrorClass cls;
    int most_per_hour;  // over 4 hours of sweeps every 10 s, failed_retry_sec 30
  };
  const Case cases[] = {
      {ErrorClass::unknown, kUnsureFailuresPerHour},
      {ErrorClass::network, 120},  // a network failure never reaches a logon: retried freely
      {ErrorClass::timeout, 120},
  };
  for (const auto& [cls, most] : cases) {
    INFO(to_string(cls));
    MountRecord r = situation(Situation::unmounted);
    Share share{r};
    const auto at = attempts_while_failing(share, cls, 4 * 3600);
    CHECK(most_in_any_hour(at) == most);
    // Still retried, slowly: every hour sees attempts again.
    CHECK(at.back() >= kNow + 3 * 3600);
  }
}

TEST_CASE("a spent budget says why and when, and a person can still try at once") {
  Share share{situation(Situation::mounting)};
  const MountFinished unknown{false, ErrorClass::unknown, "rclone: exit status 1", 0, "", ""};
  share.on(unknown);
  CHECK(share.r.next_attempt_at == kNow + 30);
  CHECK(share.r.last_error == "rclone: exit status 1");
  for (int i = 0; i < 2; ++i) {
    share.wait(30);
    CHECK(share.on(Tick{}) == Actions{Action::mount});
    share.on(unknown);
  }
  CHECK(share.r.phase == Phase::failed);
  CHECK(share.r.error_class == ErrorClass::unknown);
  CHECK(share.r.next_attempt_at == kNow + 3600);  // when the first failure leaves the hour
  CHECK(share.r.last_error ==
        "rclone: exit status 1 (mounts of this server failed 3 times within an hour for a reason "
        "the broker cannot tell; in case it is a refused logon, it retries at most 3 times an "
        "hour per server: next try in 59 min, or now with mountctl mount)");
  share.wait(30);
  CHECK(share.on(Tick{}).empty());
  CHECK(share.on(MountRequested{}) == Actions{Action::mount});
}

TEST_CASE("a recovery that fails without a known reason stops at the budget, not the backoff") {
  Share share{situation(Situation::recovering)};
  const MountFinished unknown{false, ErrorClass::unknown, "exit status 1", 0, "", ""};
  share.on(unknown);  // 1: backoff 2 s
  CHECK(share.r.next_attempt_at == kNow + 2);
  share.wait(2);
  CHECK(share.on(Tick{}) == Actions{Action::mount});
  share.on(unknown);  // 2: backoff 5 s
  CHECK(share.r.phase == Phase::backoff);
  share.wait(5);
  CHECK(share.on(Tick{}) == Actions{Action::mount});
  share.on(unknown);  // 3: the budget is spent; the backoff had 3 more steps
  CHECK(share.r.phase == Phase::failed);
  CHECK(share.r.next_attempt_at == kNow + 3600);
}

TEST_CASE("the budget is kept in the record and a mount that works clears it") {
  Share share{situation(Situation::mounting)};
  share.on(MountFinished{false, ErrorClass::unknown, "exit status 1", 0, "", ""});
  CHECK(share.r.unsure_failures == std::vector<std::int64_t>{kNow});
  share.on(MountRequested{});
  share.on(kMountOk);
  CHECK(share.r.unsure_failures.empty());
}

TEST_CASE("failures older than an hour leave the budget") {
  MountRecord r = situation(Situation::mounting);
  r.unsure_failures = {kNow - 4000, kNow - 3601, kNow - 100};
  const Step s =
      step(r, MountFinished{false, ErrorClass::unknown, "x", 0, "", ""}, default_policy(), kNow);
  CHECK(s.next.unsure_failures == std::vector<std::int64_t>{kNow - 100, kNow});
  CHECK(s.next.next_attempt_at == kNow + 30);
}

TEST_CASE("two mounts of one server share one budget") {
  // Sweeps every 10 s for 4 hours; each attempt fails without a known reason, and the shell
  // hands each mount's result the other mount's failure times.
  Share a{situation(Situation::unmounted)}, b{situation(Situation::unmounted)};
  std::vector<std::int64_t> at;
  for (const std::int64_t end = a.now + 4 * 3600; a.now < end; a.wait(10), b.wait(10)) {
    for (auto [self, other] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
      if (self->on(Tick{}) != Actions{Action::mount}) continue;
      at.push_back(self->now);
      const MountFinished failure{false, ErrorClass::unknown, "exit status 1", 0, "", ""};
      self->r = step(self->r, failure, self->policy, self->now, other->r.unsure_failures).next;
    }
  }
  std::sort(at.begin(), at.end());
  // Alone, each would make 3 an hour (6 in all); together the server sees the budget, plus
  // the one attempt of the other mount that was already due when it was spent.
  CHECK(most_in_any_hour(at) <= kUnsureFailuresPerHour + 1);
  CHECK(at.back() >= kNow + 3 * 3600);  // still retried, slowly
}

TEST_CASE("an auth failure tells the person it is not retried and what to do") {
  const Step s = step(situation(Situation::mounting), kMountAuth, default_policy(), kNow);
  CHECK(s.next.last_error ==
        "mount error(13): Permission denied (not retried automatically: a wrong password "
        "retried locks accounts; fix it, then mountctl mount)");
}

// ---- config failures that a change on disk may fix

TEST_CASE("a config failure a change on disk may fix is retried by every sweep, others never") {
  struct Case {
    bool fixable;
    Actions on_sweep;
  };
  const Case cases[] = {{true, Actions{Action::mount}}, {false, Actions{}}};
  for (const auto& [fixable, on_sweep] : cases) {
    INFO(fixable);
    MountFinished missing = kMountConfig;
    missing.fixable = fixable;
    Share share{situation(Situation::mounting)};
    CHECK(share.on(missing).empty());
    CHECK(share.r.phase == Phase::failed);
    CHECK(share.r.error_class == ErrorClass::config);
    CHECK(share.r.recheck == fixable);
    // No timer: only sweeps look again, so a broken mount keeps no broker resident.
    CHECK(share.r.next_attempt_at == 0);
    CHECK(next_due(share.r, share.policy) == 0);
    CHECK(share.r.last_error ==
          (fixable ? "mount point does not exist; the next sweep retries once it is fixed (or "
                     "mountctl mount)"
                   : "mount point does not exist"));
    share.wait(60);
    CHECK(share.on(Tick{}) == on_sweep);
    if (fixable) {
      CHECK(share.r.phase == Phase::mounting);
      CHECK(share.r.reason == Reason::retry);
      CHECK(share.on(kMountOk).empty());
      CHECK(share.r.phase == Phase::mounted);
      CHECK_FALSE(share.r.recheck);
    }
  }
}

TEST_CASE("a fixable config failure is not rechecked once nobody wants the share") {
  MountFinished missing = kMountConfig;
  missing.fixable = true;
  Share share{situation(Situation::mounting)};
  share.on(missing);
  share.on(UnmountRequested{});
  CHECK(share.r.phase == Phase::unmounted);
  CHECK_FALSE(share.r.recheck);
  CHECK(share.on(Tick{}).empty());
}

}  // namespace
}  // namespace mb::core::supervisor
