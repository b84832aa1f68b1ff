#pragma once
// Helpers may echo what they were given; their stderr goes to logs and the state file.
#include <string>
#include <string_view>

namespace mb::broker::backends {

// `text` with every occurrence of `secret` replaced by "***" (an empty secret changes nothing).
std::string redact(std::string_view text, std::string_view secret);

}  // namespace mb::broker::backends
