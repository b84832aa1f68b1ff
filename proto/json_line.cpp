#include "proto/json_line.hpp"

#include "util/utf8.hpp"

namespace mb::proto {

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
