#pragma once
// Reads and validates config.toml. Every error names the file, the line and the key, says
// what is wrong and what to do, e.g.
//   config.toml:14: mount "photos": options must include "soft" (hard mounts can hang every
//   process that touches the share)
#include <optional>
#include <string>
#include <string_view>

#include "broker/config/config.hpp"
#include "util/result.hpp"

namespace mb::broker::config {

struct LoadOptions {
  // Refuse a file that anyone but root (or the broker's own user) could write.
  bool check_owner = true;
};

// Parse and validate text; `path` is used only in messages. All problems found are reported,
// one per line, in the error message.
util::Result<Config> parse(std::string_view text, const std::string& path);

// Read the file, check its owner and mode, then parse().
util::Result<Config> load(const std::string& path, const LoadOptions& options = {});

// [broker] state_dir from a file that may be invalid in other ways, so a broker whose config
// broke can still find its state and the last good config. nullopt if it cannot be read.
std::optional<std::string> peek_state_dir(const std::string& path);

}  // namespace mb::broker::config
