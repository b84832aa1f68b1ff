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
  for (const auto& [other, owner] : mountpoints_) {
    if (auto problem = nesting_problem(m.mountpoint, other)) {
      r.error("mountpoint", config::quoted(m.mountpoint) + " " + *problem + " of " + owner.text() +
                                "; mounts must not nest: give each its own directory, e.g. "
                                "side by side under /mnt");
      return;
    }
  }
}

}  // namespace mb::core::config
