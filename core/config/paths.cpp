#include "core/config/paths.hpp"

#include <vector>

namespace mb::core::config {

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

// Not std::filesystem's lexically_normal: <filesystem> brings std::quoted into reach of
// argument-dependent lookup, and it would take the place of config::quoted.
std::string normal_path(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  std::string out;
  for (std::string_view part : parts) (out += '/') += part;
  return out.empty() ? "/" : out;
}

bool is_within(const std::string& path, const std::string& dir) {
  if (dir == "/" || path == dir) return true;
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
         path[dir.size()] == '/';
}

}  // namespace mb::core::config
