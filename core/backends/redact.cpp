#include "core/backends/redact.hpp"

#include <algorithm>

namespace mb::core::backends {
namespace {

// The longest piece of `secret` (shorter than the whole, at least kMinPartialSecret) that
// `text` begins with when `suffix`, or ends with otherwise; 0 if none.
std::size_t partial_at_cut(std::string_view text, std::string_view secret, bool suffix) {
  if (secret.size() <= kMinPartialSecret) return 0;
  for (std::size_t n = std::min(secret.size() - 1, text.size()); n >= kMinPartialSecret; --n) {
    if (suffix ? text.starts_with(secret.substr(secret.size() - n))
               : text.ends_with(secret.substr(0, n)))
      return n;
  }
  return 0;
}

}  // namespace

std::string redact(std::string_view text, std::string_view secret) {
  if (secret.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    const std::size_t hit = text.find(secret, pos);
    if (hit == std::string_view::npos) break;
    out.append(text.substr(pos, hit - pos));
    out += "***";
    pos = hit + secret.size();
  }
  out.append(text.substr(pos));
  return out;
}

std::string redact(std::string_view text, std::string_view secret, Cut cut) {
  if (secret.empty()) return std::string(text);
  // The pieces at the cuts first, on the raw text: a whole occurrence can overlap a piece.
  std::size_t head = cut.start ? partial_at_cut(text, secret, true) : 0;
  text.remove_prefix(head);
  std::size_t tail = cut.end ? partial_at_cut(text, secret, false) : 0;
  text.remove_suffix(tail);
  return (head ? "***" : "") + redact(text, secret) + (tail ? "***" : "");
}

}  // namespace mb::core::backends
