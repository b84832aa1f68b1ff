#pragma once
// Option lists as mount helpers take them after -o ("soft,nodev,vers=3.0"). The config lets
// one element hold several options ("soft,nodev"), so every backend normalizes first.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace mb::core::backends {

// Flattened (elements split at ","), trimmed, empty entries dropped, exact repeats dropped
// (the first stays, order kept). Refused: a password option (pass=, password=, passwd=,
// secret=; a command line is visible to every user through ps) and one key with two values
// ("vers=3.0" and "vers=2.1": which one wins differs between helpers). Values are not echoed.
util::Result<std::vector<std::string>> normalize_options(const std::vector<std::string>& options);

// "vers" for "vers=3.0"; the whole option when it has no "=".
std::string_view option_key(std::string_view option);
// The value of the first option with this key ("3.0" for "vers"), "" for a bare flag.
std::optional<std::string_view> option_value(const std::vector<std::string>& options,
                                             std::string_view key);
bool has_key(const std::vector<std::string>& options, std::string_view key);

// "soft" present and "hard" absent. The config enforces it already; a backend checks again
// because a hard network mount can hang every process that touches it.
util::Status require_soft(const std::vector<std::string>& options);

std::string join_options(const std::vector<std::string>& options);

}  // namespace mb::core::backends
