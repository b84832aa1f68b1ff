#pragma once
// Is anything using a mount? Decided without touching the mount itself (a dead share would
// block us): Linux reads /proc/*/fdinfo (mnt_id) and the cwd/root links of every process.
#include <string>

namespace mb::platform {

// mount_id: the mount's id in the mount table; mountpoint: its path (for cwd/root).
bool is_busy(int mount_id, const std::string& mountpoint);

}  // namespace mb::platform
