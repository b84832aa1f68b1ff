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
};

std::string snapshot_path(const std::string& state_dir);

// Reads `path`; if it is invalid, falls back to the snapshot in `state_dir`.
ConfigChoice choose_config(const std::string& path, const std::string& state_dir,
                           const platform::LoadOptions& options);

// Records `text` as the last good config (only if it differs).
util::Status save_snapshot(const std::string& state_dir, const std::string& text);

}  // namespace mb::broker::service
