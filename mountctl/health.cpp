#include "mountctl/health.hpp"

#include <algorithm>

namespace mb::ctl {

bool wanted_and_unhealthy(const proto::MountStatus& m) {
  return m.desired == "mounted" && m.state != "mounted";
}

bool any_wanted_and_unhealthy(const std::vector<proto::MountStatus>& mounts) {
  return std::any_of(mounts.begin(), mounts.end(), wanted_and_unhealthy);
}

}  // namespace mb::ctl
