#pragma once
// "did you mean ...?" for unknown keys: a typo must be refused, and the fix should be obvious.
#include <optional>
#include <span>
#include <string_view>

namespace mb::core::config {

// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
std::optional<std::string_view> closest(std::string_view word,
                                        std::span<const std::string_view> candidates);

}  // namespace mb::core::config
