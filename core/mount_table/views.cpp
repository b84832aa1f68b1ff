#include "core/mount_table/views.hpp"

namespace mb::core::mount_table {

namespace {

bool is_fuse(const std::string& fstype) {
  return fstype == "fuse" || fstype.rfind("fuse.", 0) == 0 || fstype == "fuseblk";
}

}  // namespace

std::vector<std::string> views_of(const std::vector<MountEntry>& table, const std::string& path,
                                  const std::function<bool(const std::string&)>& configured) {
  const MountEntry* top = nullptr;
  for (const auto& e : table)
    if (e.mount_point == path) top = &e;  // the table lists mounts in mount order
  std::vector<std::string> out;
  if (!top || !is_fuse(top->fstype)) return out;
  for (const auto& e : table) {
    if (e.device != top->device || e.mount_point == path || e.root != top->root) continue;
    if (configured && configured(e.mount_point)) continue;
    out.push_back(e.mount_point);
  }
  return out;
}

}  // namespace mb::core::mount_table
