#pragma once
// Helpers may echo what they were given; their stderr goes to logs and the state file.
#include <cstddef>
#include <string>
#include <string_view>

namespace mb::core::backends {

// `text` with every occurrence of `secret` replaced by "***" (an empty secret changes nothing).
// Run it on a helper's raw output, before any trimming or mapping of characters: a secret with
// a tab in it no longer matches once tabs became spaces.
std::string redact(std::string_view text, std::string_view secret);

// Where `text` was cut out of a longer output (the capture limit, a window): a piece of the
// secret at the cut (a suffix of it at the start, a prefix at the end) is redacted too, down to
// kMinPartialSecret characters.
struct Cut {
  bool start = false;
  bool end = false;
};
inline constexpr std::size_t kMinPartialSecret = 3;
std::string redact(std::string_view text, std::string_view secret, Cut cut);

}  // namespace mb::core::backends
