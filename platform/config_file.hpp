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

// config.toml read once: its bytes and, apart, why its owner or mode forbid using them, so a
// broker can validate, peek at the state directory and snapshot the same bytes (one open,
// one fstat, one read: the verdict is about the file the bytes came from).
struct ConfigBytes {
  std::string text;
  std::string ownership;  // the owner and mode problems, one per line; "" if none
};
util::Result<ConfigBytes> read_config_bytes(const std::string& path);

struct LoadOptions {
  // Refuse a file that anyone but root (or the broker's own user) could write.
  bool check_owner = true;
};

// Read the file, check its owner and mode, parse it (core::config::parse) and resolve its
// local users against this machine.
util::Result<core::config::Config> load_config(const std::string& path,
                                               const LoadOptions& options = {});

// load_config on bytes already read.
util::Result<core::config::Config> load_config_bytes(const ConfigBytes& file,
                                                     const std::string& path,
                                                     const LoadOptions& options = {});

// [broker] state_dir from a file that may be invalid in other ways, so a broker whose config
// broke can still find its state and the last good config. nullopt if it cannot be read.
std::optional<std::string> peek_state_dir(const std::string& path);
std::optional<std::string> peek_state_dir_in(const std::string& text, const std::string& path);

// This machine's user database (getpwnam_r).
std::optional<core::config::UserIds> system_user(const std::string& name);

}  // namespace mb::platform
