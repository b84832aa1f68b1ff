#include "platform/bind_mount.hpp"

namespace mb::platform {

// macOS has no bind mounts (and automountd looks for /sbin/mount_TYPE, which the system
// volume keeps read-only): docs/CONFIG.md, "Mount on first access", says what to use there.
util::Status bind_mount(const std::string& from, const std::string& to) {
  return util::Error{"cannot bind " + from + " onto " + to + ": macOS has no bind mounts"};
}

}  // namespace mb::platform
