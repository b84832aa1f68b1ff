#include "mountctl/doctor/map_lines.hpp"

namespace mb::ctl::doctor {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

// A line of blanks and continuations only (a lone backslash before a blank line or the end)
// has no words: callers read the first word of every line, so it is dropped.
void add(std::vector<MapLine>& out, int first, int last, const std::string& logical) {
  std::vector<std::string> words = split_words(logical);
  if (!words.empty()) out.push_back({first, last, std::move(words)});
}

}  // namespace

std::vector<MapLine> map_lines(std::string_view text) {
  std::vector<MapLine> out;
  std::string logical;
  int start = 0;
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view physical = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (logical.empty()) {
      std::size_t first = physical.find_first_not_of(" \t\r");
      if (first == std::string_view::npos || physical[first] == '#') continue;
      start = number;
    }
    while (!physical.empty() && physical.back() == '\r') physical.remove_suffix(1);
    const bool continued = !physical.empty() && physical.back() == '\\';
    if (continued) physical.remove_suffix(1);
    logical.append(physical);
    if (continued) {
      logical += ' ';
      continue;
    }
    add(out, start, number, logical);
    logical.clear();
  }
  if (!logical.empty()) add(out, start, number, logical);
  return out;
}

}  // namespace mb::ctl::doctor
