#pragma once
// A mount's name: the rule for a valid one, and how messages about a mount start.
#include <toml++/toml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mb::core::config {

// [A-Za-z0-9_-]{1,32}: names end up in paths, unit names and command lines.
bool is_valid_mount_name(std::string_view name);

// The mount's name if it has a valid one.
std::optional<std::string> mount_name(const toml::table& mount);

// Message prefix for a mount: `mount "photos": `, or `[[mount]] #2: ` without a valid name.
std::string mount_prefix(const toml::table& mount, std::size_t index);

}  // namespace mb::core::config
