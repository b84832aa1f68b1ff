#include "mountctl/mount_helper/placement.hpp"

namespace mb::ctl::mount_helper {

namespace {

std::string parent_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

std::string without_trailing_slash(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

}  // namespace

bool is_autofs_trap(const std::vector<core::mount_table::MountEntry>& table,
                    const std::string& dir) {
  const auto d = without_trailing_slash(dir);
  const auto parent = parent_of(d);
  for (const auto& e : table) {
    if (e.fstype != "autofs") continue;
    if (e.mount_point == d || e.mount_point == parent) return true;
  }
  return false;
}

Placement place(const std::string& configured_mountpoint, const std::string& dir, bool trap) {
  if (without_trailing_slash(configured_mountpoint) != without_trailing_slash(dir))
    return Placement::bind_onto_dir;
  return trap ? Placement::refuse_trap : Placement::at_mountpoint;
}

}  // namespace mb::ctl::mount_helper
