#pragma once
// Rules for the paths in the config file.
#include <optional>
#include <string>
#include <string_view>

namespace mb::core::config {

bool is_absolute_path(std::string_view path);

// Why `path` is not an acceptable mountpoint, or nullopt. A mountpoint must be written in
// canonical form (absolute, no ".", "..", "//" or trailing slash, not "/") because it is
// compared textually with the mount table and with other mounts.
std::optional<std::string> mountpoint_problem(std::string_view path);

// An absolute path without ".", "..", "//" or a trailing slash ("/" for the root), so that
// paths compare as text. Lexical only: nothing is resolved on disk.
std::string normal_path(std::string_view path);

// `path` is `dir` or inside it (both normal).
bool is_within(const std::string& path, const std::string& dir);

// Control characters (newlines, tabs, ...) would corrupt the mount table and log lines.
bool has_control_char(std::string_view text);

}  // namespace mb::core::config
