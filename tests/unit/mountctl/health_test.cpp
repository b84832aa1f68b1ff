#include "mountctl/health.hpp"

#include <catch2/catch.hpp>

using mb::proto::MountStatus;

namespace {
MountStatus mount(const char* state, const char* desired) {
  MountStatus m;
  m.name = "photos";
  m.state = state;
  m.desired = desired;
  return m;
}
}  // namespace

TEST_CASE("status is unhealthy when a wanted mount is anything but mounted") {
  using mb::ctl::wanted_and_unhealthy;
  CHECK_FALSE(wanted_and_unhealthy(mount("mounted", "mounted")));
  for (const char* s : {"degraded", "failed", "recovering", "mounting", "unmounted", "unmounting"})
    CHECK(wanted_and_unhealthy(mount(s, "mounted")));
  // Nobody wants it mounted: whatever it is, status has nothing to complain about.
  CHECK_FALSE(wanted_and_unhealthy(mount("unmounted", "unmounted")));
  CHECK_FALSE(wanted_and_unhealthy(mount("failed", "unmounted")));
  CHECK_FALSE(mb::ctl::any_wanted_and_unhealthy({}));
  CHECK(
      mb::ctl::any_wanted_and_unhealthy({mount("mounted", "mounted"), mount("failed", "mounted")}));
}
