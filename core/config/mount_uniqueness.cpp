#include "core/config/mount_uniqueness.hpp"

#include "core/config/diagnostics.hpp"
#include "core/config/mountpoint_place.hpp"

namespace mb::core::config {

void UniquenessCheck::check(TableReader& r, const MountConfig& m) {
  if (!m.name.empty()) {
    auto [it, fresh] = names_.emplace(m.name, m.line);
    if (!fresh) {
      r.error("name", "duplicate name " + config::quoted(m.name) + " (first defined at line " +
                          std::to_string(it->second) + "); give each mount its own name");
    }
  }
  if (m.mountpoint.empty()) return;
  check_nesting(r, m);
  auto [it, fresh] = mountpoints_.emplace(m.mountpoint, Owner{m.name, m.line});
  if (!fresh) {
    r.error("mountpoint", config::quoted(m.mountpoint) + " is already used by " +
                              it->second.text() + "; give each mount its own mountpoint");
  }
}

std::string UniquenessCheck::Owner::text() const {
  return (name.empty() ? "the mount" : "mount " + config::quoted(name)) + " at line " +
         std::to_string(line);
}

// One mount inside another: mounting the outer one hides the inner one, and the inner one
// keeps the outer one from being unmounted (or a recovery's forced unmount takes both).
void UniquenessCheck::check_nesting(TableReader& r, const MountConfig& m) {
  const Owner* owner = nullptr;
  const std::string* other = nearest_nesting(m.mountpoint, owner);
  if (!other) return;
  if (auto problem = nesting_problem(m.mountpoint, *other)) {
    r.error("mountpoint", config::quoted(m.mountpoint) + " " + *problem + " of " + owner->text() +
                              "; mounts must not nest: give each its own directory, e.g. "
                              "side by side under /mnt");
  }
}

// The first mount point, in sorted order, that `mountpoint` lies in or contains, found in
// O(depth * log N) instead of comparing against every mount (a config with 1,000 mounts paid
// half a million comparisons per activation). Its ancestors sort before it, shortest first,
// and everything under it is one contiguous run starting at "mountpoint/".
const std::string* UniquenessCheck::nearest_nesting(const std::string& mountpoint,
                                                    const Owner*& owner) const {
  auto found = [&](auto it) {
    owner = &it->second;
    return &it->first;
  };
  if (auto it = mountpoints_.find("/"); it != mountpoints_.end() && mountpoint != "/") {
    return found(it);
  }
  for (std::size_t slash = mountpoint.find('/', 1); slash != std::string::npos;
       slash = mountpoint.find('/', slash + 1)) {
    if (auto it = mountpoints_.find(mountpoint.substr(0, slash)); it != mountpoints_.end()) {
      return found(it);
    }
  }
  const std::string below = mountpoint == "/" ? "/" : mountpoint + "/";
  for (auto it = mountpoints_.lower_bound(below); it != mountpoints_.end(); ++it) {
    if (it->first.compare(0, below.size(), below) != 0) break;
    if (it->first != mountpoint) return found(it);
  }
  return nullptr;
}

}  // namespace mb::core::config
