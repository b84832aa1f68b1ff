#include "core/metrics/failure_count.hpp"

#include <catch2/catch.hpp>

namespace mb::core::metrics {
namespace {

using state::FailureCount;
using state::MountRecord;
namespace sv = supervisor;

sv::MountFinished mount_done(bool ok) {
  sv::MountFinished e;
  e.ok = ok;
  return e;
}
sv::UnmountFinished unmount_done(bool ok) {
  sv::UnmountFinished e;
  e.ok = ok;
  return e;
}
sv::ProbeFinished probe_done(sv::ProbeOutcome outcome) {
  sv::ProbeFinished e;
  e.outcome = outcome;
  return e;
}

MountRecord with_class(state::ErrorClass error_class) {
  MountRecord r;
  r.name = "photos";
  r.error_class = error_class;
  return r;
}

TEST_CASE("failed mounts, unmounts and unhealthy probes are failures, the rest are not") {
  CHECK(is_failure(mount_done(false)));
  CHECK(is_failure(unmount_done(false)));
  CHECK(is_failure(probe_done(sv::ProbeOutcome::definite)));
  CHECK(is_failure(probe_done(sv::ProbeOutcome::ambiguous)));
  CHECK_FALSE(is_failure(mount_done(true)));
  CHECK_FALSE(is_failure(unmount_done(true)));
  CHECK_FALSE(is_failure(probe_done(sv::ProbeOutcome::healthy)));
  CHECK_FALSE(is_failure(sv::Tick{}));
  CHECK_FALSE(is_failure(sv::MountRequested{}));
}

TEST_CASE("each failure adds one to the count of the class the step gave the record") {
  MountRecord r = with_class(state::ErrorClass::network);
  count_failure(mount_done(false), r);
  count_failure(mount_done(false), r);
  r.error_class = state::ErrorClass::auth;
  count_failure(mount_done(false), r);
  CHECK(r.failures ==
        std::vector<FailureCount>{{state::ErrorClass::network, 2}, {state::ErrorClass::auth, 1}});
}

TEST_CASE("a failure without a class counts as unknown, a success counts nothing") {
  MountRecord r = with_class(state::ErrorClass::none);
  count_failure(probe_done(sv::ProbeOutcome::definite), r);
  count_failure(probe_done(sv::ProbeOutcome::healthy), r);
  count_failure(mount_done(true), r);
  CHECK(r.failures == std::vector<FailureCount>{{state::ErrorClass::unknown, 1}});
}

}  // namespace
}  // namespace mb::core::metrics
