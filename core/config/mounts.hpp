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
#include "core/config/mountpoint_place.hpp"

namespace mb::core::config {

inline constexpr std::array<std::string_view, 10> kMountKeys{
    "name",       "type",       "server",  "share",  "username",
    "mountpoint", "credential", "command", "source", "local_user"};

// [A-Za-z0-9_-]{1,32}: names end up in paths, unit names and command lines.
bool is_valid_mount_name(std::string_view name);

// The mount's name if it has a valid one.
std::optional<std::string> mount_name(const toml::table& mount);

// Message prefix for a mount: `mount "photos": `, or `[[mount]] #2: ` without a valid name.
std::string mount_prefix(const toml::table& mount, std::size_t index);

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
