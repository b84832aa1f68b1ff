#pragma once
// Where a share may be mounted: never where it would hide, or put its content inside, the
// broker's own files or a system directory, and never nested in another mount. A mount point
// is in canonical form (paths::mountpoint_problem) before these rules are asked.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"

namespace mb::core::config {

// A directory no mount point may be equal to or above (a share there would hide it), and with
// `inside_too`, not inside either.
struct ProtectedDir {
  std::string path;  // normal
  std::string what;  // for messages, e.g. `state_dir "/var/lib/mount-broker" (the state)`
  bool inside_too = false;
};

// The broker's own: state_dir and credentials_dir (inside too), the directory of the socket
// and, when `config_path` is absolute, of the config file; then the system directories
// (docs/CONFIG.md lists them).
std::vector<ProtectedDir> protected_dirs(const BrokerSettings& broker,
                                         std::string_view config_path);

// Why `mountpoint` is refused by `dirs`, or nullopt.
std::optional<std::string> mountpoint_place_problem(const std::string& mountpoint,
                                                    const std::vector<ProtectedDir>& dirs);

// Why `mountpoint` cannot be beside `other` (another mount's), or nullopt: one inside the
// other (equal mount points are reported as duplicates).
std::optional<std::string> nesting_problem(const std::string& mountpoint, const std::string& other);

}  // namespace mb::core::config
