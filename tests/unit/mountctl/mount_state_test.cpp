// mountctl reads the wire's names into the record's enums once (mountctl/mount_state.hpp).
#include "mountctl/mount_state.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <utility>

namespace mb::ctl {
namespace {

using core::state::Desired;
using core::state::ErrorClass;
using core::state::Finding;
using core::state::Phase;

proto::MountStatus status(std::string state, std::string desired, std::string finding,
                          std::string error_class) {
  proto::MountStatus m;
  m.name = "photos";
  m.state = std::move(state);
  m.desired = std::move(desired);
  m.finding = std::move(finding);
  m.error_class = std::move(error_class);
  return m;
}

TEST_CASE("the wire's names read as the record's enums") {
  const MountState s = mount_state(status("recovering", "mounted", "lost", "auth"));
  CHECK(s.phase == Phase::recovering);
  CHECK(s.wanted());
  CHECK(s.finding == Finding::lost);
  CHECK(s.error_class == ErrorClass::auth);
  CHECK_FALSE(s.mounted());
  CHECK(mount_state(status("degraded", "unmounted", "ok", "")).mounted());
  CHECK(mount_state(status("degraded", "unmounted", "ok", "")).error_class == ErrorClass::none);
  CHECK_FALSE(mount_state(status("degraded", "unmounted", "ok", "")).wanted());
}

TEST_CASE("names a newer broker may send are never taken for good ones") {
  const MountState s = mount_state(status("hovering", "maybe", "odd", "cosmic"));
  CHECK_FALSE(s.phase);
  CHECK_FALSE(s.mounted());
  CHECK_FALSE(s.wanted());
  CHECK_FALSE(s.finding);
  CHECK(s.error_class == ErrorClass::unknown);  // a failure it cannot place may be permanent
  // An older broker sent no finding: none.
  CHECK(mount_state(status("mounted", "mounted", "", "")).finding == Finding::none);
}

}  // namespace
}  // namespace mb::ctl
