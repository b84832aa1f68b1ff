#pragma once
// launchd socket activation (macOS). Elsewhere this finds nothing.
#include <vector>

#include "util/result.hpp"

namespace mb::platform {

// The descriptors launchd holds for the job's `Sockets` entry `name` (launch_activate_socket);
// empty when not started by launchd or when the platform has no launchd.
util::Result<std::vector<int>> launchd_sockets(const char* name);

}  // namespace mb::platform
