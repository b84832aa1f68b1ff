#pragma once
#include <cstdint>
#include <string>

namespace mb::core::mount_table {

// One line of the mount table, with escapes already decoded.
struct MountEntry {
  int mount_id = 0;
  int parent_id = 0;
  std::uint64_t device = 0;  // makedev(major, minor)
  std::string root;          // root of the mount within its filesystem
  std::string mount_point;   // absolute path, decoded (\040 -> ' ')
  std::string options;       // per-mount options
  std::string fstype;        // e.g. "cifs", "fuse.sshfs", "tmpfs"
  std::string source;        // e.g. "//nas/photos", "/srv/scratch"
  std::string super_options;
};

}  // namespace mb::core::mount_table
