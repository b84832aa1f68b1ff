// UNTESTED here (no macOS in CI). mount_smbfs and mount_nfs are part of macOS; FUSE helpers
// come from Homebrew where there is a formula.
#include "platform/mount_helpers.hpp"

namespace mb::platform {

std::vector<std::string> filesystem_helpers(core::config::MountType type) {
  if (type == core::config::MountType::nfs) return {"mount_nfs"};
  return {};
}

std::string install_command(const std::string& program) {
  if (program == "rclone") return "brew install rclone";
  return "";
}

}  // namespace mb::platform
