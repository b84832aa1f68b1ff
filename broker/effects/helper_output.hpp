#pragma once
// The part of a child's output worth showing a person: its last non-empty stderr lines.
#include <string>
#include <string_view>

#include "process/child_runner.hpp"

namespace mb::broker::effects {
// One line: the tail of stderr (else stdout), at most kHelperWindow bytes, and how the child
// ended. Every occurrence of `secret` is redacted from the raw output first, and a piece of it
// where the capture limit cut the output.
inline constexpr std::size_t kHelperWindow = 400;
std::string helper_message(const process::Outcome& o, std::string_view secret = {});
}  // namespace mb::broker::effects
