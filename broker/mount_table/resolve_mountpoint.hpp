#pragma once
// Canonical form of a configured mount point, computed without touching the mount point itself.
#include <string>

namespace mb::broker::mount_table {

// realpath() of the parent directory + "/" + basename, so the result matches the mount table's
// spelling even when the parent is reached through a symlink. The final component is never
// stat'ed: if it is a dead network share, a stat can block for minutes. Trailing slashes are
// dropped. If the parent cannot be resolved (missing, no permission), or the path is not
// absolute, or the basename is "." or "..", the configured path is returned unchanged.
std::string resolve_mountpoint(const std::string& configured);

}  // namespace mb::broker::mount_table
