#pragma once
// The file system helpers a mount needs beyond the program its backend runs, and how to
// install a missing one on this OS. `mount -t nfs` runs mount.nfs (Linux) or mount_nfs (macOS).
#include <string>
#include <vector>

#include "core/config/config.hpp"

namespace mb::platform {

// Programs, by bare name, that `mount` itself runs for a mount of this type.
std::vector<std::string> filesystem_helpers(core::config::MountType type);

// The command that installs `program` here; "" when no package is known for it.
std::string install_command(const std::string& program);

}  // namespace mb::platform
