#pragma once
// The form of a configured mount point the broker compares with the mount table, computed
// without touching the file system.
#include <string>

namespace mb::platform {

// The configured path with repeated and trailing slashes dropped; nothing else. No call here
// looks at the disk: a parent on a hung network or FUSE file system would block the broker's
// only thread in realpath() or stat(). The spelling is exact because the mount child walks the
// path without following symlinks and refuses "." and ".." (mount_point_policy.hpp), so a
// path the broker mounts on is the one the kernel's mount table shows.
std::string resolve_mountpoint(const std::string& configured);

}  // namespace mb::platform
