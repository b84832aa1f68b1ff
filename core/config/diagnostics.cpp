#include "core/config/diagnostics.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace mb::core::config {

Diagnostics::Diagnostics(std::string path) : path_(path.empty() ? "<string>" : std::move(path)) {}

void Diagnostics::add(int line, std::string message) {
  entries_.push_back({line, std::move(message)});
}

std::string Diagnostics::text() const {
  // Stable: problems on the same line keep the order in which they were found.
  std::vector<Entry> sorted = entries_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Entry& a, const Entry& b) { return a.line < b.line; });
  std::string out;
  for (const Entry& e : sorted) {
    if (!out.empty()) out += '\n';
    out += path_;
    if (e.line > 0) out += ':' + std::to_string(e.line);
    out += ": " + e.message;
  }
  return out;
}

std::string quoted(std::string_view text) {
  // Enough to recognise the value; a pasted blob should not flood the message.
  constexpr std::size_t kMaxShown = 80;
  const bool cut = text.size() > kMaxShown;
  if (cut) text = text.substr(0, kMaxShown);
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '"' || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + (cut ? "...\"" : "\"");
}

}  // namespace mb::core::config
