#pragma once
// The live mount table behind a platform interface. Reading it never touches a mount point
// (a stat on a dead share can block for minutes).
#include <memory>
#include <vector>

#include "core/mount_table/mount_entry.hpp"
#include "util/result.hpp"

namespace mb::platform {

class MountTable {
 public:
  virtual ~MountTable() = default;
  virtual util::Result<std::vector<core::mount_table::MountEntry>> read() = 0;
};

// The platform's implementation (Linux: /proc/self/mountinfo; macOS: getfsstat(MNT_NOWAIT)).
std::unique_ptr<MountTable> make_system_mount_table();

}  // namespace mb::platform
