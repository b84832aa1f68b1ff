#pragma once
// Parses and validates config.toml text (platform/config_file.hpp reads the file). Every error
// names the file, the line and the key, says what is wrong and what to do, e.g.
//   config.toml:14: mount "photos": options must include "soft" (hard mounts can hang every
//   process that touches the share)
#include <string>
#include <string_view>

#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::config {

// Parse and validate text; `path` is used only in messages. All problems found are reported,
// one per line, in the error message.
util::Result<Config> parse(std::string_view text, const std::string& path);

}  // namespace mb::core::config
