#pragma once
// Reading config.toml safely: it decides what root mounts where, so a file that someone other
// than root (or the broker's own user) can change is refused before it is parsed.
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "core/config/local_user.hpp"
#include "util/result.hpp"

namespace mb::platform {

// The file's contents. Refuses anything but a regular file and, with `check_owner`, a file
// owned by someone else, world-writable, or group-writable by a group other than root.
util::Result<std::string> read_config_file(const std::string& path, bool check_owner);

struct LoadOptions {
  // Refuse a file that anyone but root (or the broker's own user) could write.
  bool check_owner = true;
};

// Read the file, check its owner and mode, parse it (core::config::parse) and resolve its
// local users against this machine.
util::Result<core::config::Config> load_config(const std::string& path,
                                               const LoadOptions& options = {});

// [broker] state_dir from a file that may be invalid in other ways, so a broker whose config
// broke can still find its state and the last good config. nullopt if it cannot be read.
std::optional<std::string> peek_state_dir(const std::string& path);

// This machine's user database (getpwnam_r).
std::optional<core::config::UserIds> system_user(const std::string& name);

}  // namespace mb::platform
