#pragma once
// Other places a mount is seen: binds of it, such as the one mount.mount-broker makes where an
// automounter asked for the share. Unmounting the share removes them first, so "unmounted" is
// true everywhere and a busy view makes the unmount busy before the mount point is touched.
#include <functional>
#include <string>
#include <vector>

#include "core/mount_table/mount_entry.hpp"

namespace mb::core::mount_table {

// The mount points showing the same connection as the topmost mount at `path`, other than
// `path` and the mount points `configured` says belong to a configured mount. Only FUSE
// mounts: each FUSE mount(2) is a connection of its own, so the same device means a bind of
// it. The kernel's SMB and NFS clients share one superblock between separate mounts of the
// same export, so a person's own mount of it could look the same; those are never listed.
std::vector<std::string> views_of(const std::vector<MountEntry>& table, const std::string& path,
                                  const std::function<bool(const std::string&)>& configured);

}  // namespace mb::core::mount_table
