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
};

std::string snapshot_path(const std::string& state_dir);

// `file`: config.toml at `path` as read once at start. If it is valid it is in force, and the
// snapshot is made of the very bytes validated; if not, the snapshot in the state directory
// is. The state directory: `state_dir_option` (--state-dir) if given, else the config's in
// force, else the one the invalid file names (peeked at in the same bytes), else the default.
ConfigChoice choose_config(const std::string& path, const util::Result<platform::ConfigBytes>& file,
                           const std::optional<std::string>& state_dir_option,
                           const platform::LoadOptions& options);

// Records `text` as the last good config (only if it differs).
util::Status save_snapshot(const std::string& state_dir, const std::string& text);

}  // namespace mb::broker::service
