#include "proto/json_line.hpp"

#include <cstring>

#include "util/utf8.hpp"

namespace mb::proto {

// Strings are skipped with memchr: nearly every byte of a reply is inside one, and mountctl
// checks a status of 1,000 mounts (a third of a megabyte) before parsing it.
bool too_deep(std::string_view s) {
  int depth = 0;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const char c = *p++;
    if (c == '"') {
      // To the closing quote: the first one after an even run of backslashes (each escapes
      // the next character). An unterminated string has no brackets to count.
      while (true) {
        const auto* q =
            static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
        if (!q) return false;
        std::size_t backslashes = 0;
        for (const char* b = q; b > p && b[-1] == '\\'; --b) ++backslashes;
        p = q + 1;
        if (backslashes % 2 == 0) break;
      }
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

std::string_view trim_newline(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string one_line(const std::string& json) {
  std::string out = util::to_valid_utf8(json);
  std::erase(out, '\n');
  out += '\n';
  return out;
}

}  // namespace mb::proto
