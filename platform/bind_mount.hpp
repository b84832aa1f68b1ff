#pragma once
// A second view of a mounted share at another path. mount.mount-broker uses it to put the
// broker's mount where an automounter asked for it (mountctl/mount_helper/placement.hpp says
// why the broker itself never mounts there).
#include <string>

#include "util/result.hpp"

namespace mb::platform {

// Binds the mount at `from` onto the directory `to` (Linux: MS_BIND). Blocks like any path
// walk if `from` is a dead share: callers are short-lived helpers, never the broker.
util::Status bind_mount(const std::string& from, const std::string& to);

}  // namespace mb::platform
