#pragma once
// Reading config.toml safely: it decides what root mounts where, so a file that someone other
// than root (or the broker's own user) can change is refused before it is parsed.
#include <string>

#include "util/result.hpp"

namespace mb::broker::config {

// The file's contents. Refuses anything but a regular file and, with `check_owner`, a file
// owned by someone else, world-writable, or group-writable by a group other than root.
util::Result<std::string> read_config_file(const std::string& path, bool check_owner);

}  // namespace mb::broker::config
