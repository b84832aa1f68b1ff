#pragma once
// Whether `mountctl status` reports everything well: its exit status, like systemctl status's,
// lets a script ask "is my share up?" without parsing.
#include <vector>

#include "proto/messages.hpp"

namespace mb::ctl {

// Wanted (desired mounted) but not mounted and healthy: degraded, failed, recovering, mounting,
// unmounted. A mount nobody wants mounted is never unhealthy.
bool wanted_and_unhealthy(const proto::MountStatus& m);
bool any_wanted_and_unhealthy(const std::vector<proto::MountStatus>& mounts);

}  // namespace mb::ctl
