#include "mountctl/health.hpp"

#include <algorithm>

#include "mountctl/mount_state.hpp"

namespace mb::ctl {

bool wanted_and_unhealthy(const proto::MountStatus& m) {
  // Only the intent and the phase decide: just those two names are read (mount_state reads
  // four, for each of 1,000 mounts of a status).
  namespace st = core::state;
  return st::desired_from_string(m.desired) == st::Desired::mounted &&
         st::phase_from_string(m.state) != st::Phase::mounted;
}

bool any_wanted_and_unhealthy(const std::vector<proto::MountStatus>& mounts) {
  return std::any_of(mounts.begin(), mounts.end(), wanted_and_unhealthy);
}

}  // namespace mb::ctl
