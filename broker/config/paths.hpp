#pragma once
// Rules for the paths in the config file.
#include <optional>
#include <string>
#include <string_view>

namespace mb::broker::config {

bool is_absolute_path(std::string_view path);

// Why `path` is not an acceptable mountpoint, or nullopt. A mountpoint must be written in
// canonical form (absolute, no ".", "..", "//" or trailing slash, not "/") because it is
// compared textually with the mount table and with other mounts.
std::optional<std::string> mountpoint_problem(std::string_view path);

// Control characters (newlines, tabs, ...) would corrupt the mount table and log lines.
bool has_control_char(std::string_view text);

}  // namespace mb::broker::config
