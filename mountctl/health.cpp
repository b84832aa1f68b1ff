#include "mountctl/health.hpp"

#include <algorithm>

#include "mountctl/mount_state.hpp"

namespace mb::ctl {

bool wanted_and_unhealthy(const proto::MountStatus& m) {
  const MountState s = mount_state(m);
  return s.wanted() && !s.phase_is(core::state::Phase::mounted);
}

bool any_wanted_and_unhealthy(const std::vector<proto::MountStatus>& mounts) {
  return std::any_of(mounts.begin(), mounts.end(), wanted_and_unhealthy);
}

}  // namespace mb::ctl
