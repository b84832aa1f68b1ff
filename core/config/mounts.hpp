#pragma once
// The [[mount]] tables: one MountConfig each, with [defaults] applied and every rule checked,
// including the ones that span mounts (unique names, mountpoints that neither repeat nor nest)
// and where a mountpoint may be at all (mountpoint_place.hpp).
#include <toml++/toml.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/config/diagnostics.hpp"
#include "core/config/mount_name.hpp"
#include "core/config/mountpoint_place.hpp"

namespace mb::core::config {

inline constexpr std::array<std::string_view, 10> kMountKeys{
    "name",       "type",       "server",  "share",  "username",
    "mountpoint", "credential", "command", "source", "local_user"};

// Where the effective [defaults] come from, so inherited problems can point there.
struct MountDefaults {
  MountSettings settings;
  int options_line = 0;  // line of `options` in [defaults], 0 when built in
};

// Mount points are also checked against `protected_dirs` and against each other (no nesting).
std::vector<MountConfig> read_mounts(const toml::array& mounts, const MountDefaults& defaults,
                                     const std::vector<ProtectedDir>& protected_dirs,
                                     Diagnostics& diag);

}  // namespace mb::core::config
