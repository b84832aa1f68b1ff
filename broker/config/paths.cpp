#include "broker/config/paths.hpp"

namespace mb::broker::config {

bool is_absolute_path(std::string_view path) {
  return !path.empty() && path.front() == '/';
}

bool has_control_char(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

std::optional<std::string> mountpoint_problem(std::string_view path) {
  if (!is_absolute_path(path)) return "must be an absolute path";
  if (path == "/") return "must not be \"/\" itself";
  if (path.back() == '/') return "must not end with \"/\"";
  if (has_control_char(path)) return "must not contain control characters";
  std::string_view rest = path.substr(1);
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    if (part.empty()) return "must not contain \"//\"";
    if (part == "." || part == "..") return "must not contain \".\" or \"..\" components";
    if (slash == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace mb::broker::config
