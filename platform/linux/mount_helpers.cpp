// Package names for Debian/Ubuntu (apt-get) and Fedora/RHEL (dnf); other systems get no
// command, only the program's name.
#include "platform/mount_helpers.hpp"

#include <unistd.h>

#include <array>
#include <string_view>

namespace mb::platform {
namespace {

struct Package {
  std::string_view program, debian, fedora;
};

constexpr std::array<Package, 6> kPackages{{
    {"mount.cifs", "cifs-utils", "cifs-utils"},
    {"mount.nfs", "nfs-common", "nfs-utils"},
    {"mount", "mount", "util-linux"},
    {"sshfs", "sshfs", "fuse-sshfs"},
    {"bindfs", "bindfs", "bindfs"},
    {"rclone", "rclone", "rclone"},
}};

bool executable(const char* path) {
  return ::access(path, X_OK) == 0;
}

}  // namespace

std::vector<std::string> filesystem_helpers(core::config::MountType type) {
  if (type == core::config::MountType::nfs) return {"mount.nfs"};
  return {};
}

std::string install_command(const std::string& program) {
  for (const Package& p : kPackages) {
    if (p.program != program) continue;
    if (executable("/usr/bin/apt-get")) return "apt-get install " + std::string(p.debian);
    if (executable("/usr/bin/dnf")) return "dnf install " + std::string(p.fedora);
    return "";
  }
  return "";
}

}  // namespace mb::platform
