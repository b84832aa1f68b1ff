#include "broker/mount_table/resolve_mountpoint.hpp"

#include <cstdlib>
#include <memory>
#include <optional>

namespace mb::broker::mount_table {
namespace {

std::optional<std::string> real_path(const std::string& path) {
  // realpath(path, nullptr) allocates; free() it through the unique_ptr.
  std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(path.c_str(), nullptr),
                                                       &std::free);
  if (!resolved) return std::nullopt;
  return std::string(resolved.get());
}

std::string strip_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

std::string resolve_mountpoint(const std::string& configured) {
  std::string path = strip_trailing_slashes(configured);
  if (path.empty() || path.front() != '/' || path == "/") return configured;

  std::size_t slash = path.rfind('/');
  std::string base = path.substr(slash + 1);
  // Resolving "." or ".." would mean looking at the final component's own directory.
  if (base.empty() || base == "." || base == "..") return configured;

  std::string parent = slash == 0 ? "/" : path.substr(0, slash);
  std::optional<std::string> resolved_parent = real_path(parent);
  if (!resolved_parent) return configured;
  if (resolved_parent->back() != '/') *resolved_parent += '/';
  return *resolved_parent + base;
}

}  // namespace mb::broker::mount_table
