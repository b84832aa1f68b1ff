#pragma once
// The broker always runs on a valid config: the file if it is valid, otherwise the last valid
// one, kept as a snapshot in the state directory. A non-resident broker rereads the file at
// every start, so "reload keeps the last good config" needs that snapshot to survive exits.
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/config/config_loader.hpp"
#include "platform/config_file.hpp"

namespace mb::broker::service {

struct ConfigChoice {
  std::optional<core::config::Config> config;  // nullopt: neither the file nor a snapshot is valid
  std::vector<std::string> warnings;           // why the file is not the one in force
  std::string text;                            // text of the file in force, for the snapshot
  bool from_file = false;
  std::string state_dir;  // the state directory in force (see choose_config)
  // The compact form of the config, to save (save_cache) when the file was parsed because no
  // cache matched it; "" when the cache was used or the file is not in force.
  std::string cache;
};

std::string snapshot_path(const std::string& state_dir);

// `file`: config.toml at `path` as read once at start. If it is valid it is in force, and the
// snapshot is made of the very bytes validated; if not, the snapshot in the state directory
// is. The file is parsed unless the compact form saved in the state directory (--state-dir,
// else the default one) was made from these very bytes, this path and this build. The state
// directory: `state_dir_option` (--state-dir) if given, else the config's in force, else the one
// the invalid file names (peeked at in the same bytes), else the default.
ConfigChoice choose_config(const std::string& path, const util::Result<platform::ConfigBytes>& file,
                           const std::optional<std::string>& state_dir_option,
                           const platform::LoadOptions& options);

// Records `text` as the last good config (only if it differs).
util::Status save_snapshot(const std::string& state_dir, const std::string& text);

// Records the compact form of the config in force (ConfigChoice::cache).
util::Status save_cache(const std::string& state_dir, const std::string& blob);

}  // namespace mb::broker::service
