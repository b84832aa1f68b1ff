#pragma once
// Samples and helpers of the state tests (core/state, platform/state_store).
#include <string>
#include <utility>

#include "core/state/mount_record.hpp"
#include "util/result.hpp"

namespace mb::test {

// The error text of a failed result, "" for a good one (for INFO before a REQUIRE).
template <typename T>
std::string error_of(const util::Result<T>& r) {
  return r.ok() ? std::string() : r.error();
}

inline core::state::MountRecord record(std::string name) {
  core::state::MountRecord r;
  r.name = std::move(name);
  return r;
}

// Every field differs from its default, so a field that is not written or not read shows up.
inline core::state::State full_state() {
  using namespace core::state;
  State s;
  s.counters = {41, 5021, 1700000200};
  s.mounts.push_back(MountRecord{
      .name = "media",
      .phase = Phase::backoff,
      .desired = Desired::unmounted,
      .finding = Finding::conflict,
      .mountpoint = "/mnt/media",
      .source = "//nas.example/media",
      .fstype = "cifs",
      .device = 18446744073709551000ull,
      .root_inode = 18446744073709551001ull,
      .root_had_entries = true,
      .since = 1700000000,
      .next_attempt_at = 1700000123,
      .last_probe_at = -5,
      .last_probe_ms = 1234,
      .consecutive_failures = 4,
      .attempts = 3,
      .recoveries = 7,
      .idle_since = 1699999999,
      .error_class = ErrorClass::network,
      .reason = Reason::idle,
      .last_error = "mount error(112): Host is down \"quoted\"\n\tand \xc3\xa9",
      .helper_pid = 4242,
      .helper_start = 18446744073709551000ull,
      .unsure_failures = {},
      .recheck = false,
      .failures = {{ErrorClass::network, 3}, {ErrorClass::unknown, 1}},
  });
  s.mounts.push_back(MountRecord{
      .name = "backup",
      .phase = Phase::failed,
      .desired = Desired::mounted,
      .finding = Finding::orphan,
      .mountpoint = "/srv/backup",
      .source = "nas:/export/backup",
      .fstype = "nfs4",
      .device = 42,
      .since = 9000000000000,
      .next_attempt_at = 1,
      .last_probe_at = 2,
      .consecutive_failures = 1,
      .attempts = 1,
      .recoveries = 2,
      .idle_since = 5,
      .error_class = ErrorClass::auth,
      .reason = Reason::user,
      .last_error = "x",
      .tunnel_pid = 5151,
      .tunnel_start = 18446744073709551002ull,
      .tunnel_port = 40445,
      .unsure_failures = {1700000000, 1700000030},
      .recheck = true,
      .failures = {{ErrorClass::auth, 2}},
  });
  return s;
}

}  // namespace mb::test
