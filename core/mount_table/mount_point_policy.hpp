#pragma once
// Whether a mount may land on a mount point: the pure rules. The mount child
// (broker/internal/prepare_mount_point.cpp) walks the path without following symlinks and
// hands what it saw here; the broker checks the mount table with `nonlocal_ancestor` before
// it starts that child.
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "core/mount_table/mount_entry.hpp"

namespace mb::core::mount_table {

// What the walk saw at one level: "/", then each component down to the mount point itself.
struct PathStep {
  std::string path;  // the path up to and including this component
  bool exists = true;
  bool is_symlink = false;
  bool is_directory = true;
  uid_t uid = 0;
  gid_t gid = 0;
  mode_t mode = 0755;  // permission bits, sticky included
};

struct PathVerdict {
  enum class Kind {
    ok,
    missing,        // the mount point or a parent does not exist (a config problem)
    not_directory,  // the mount point or a parent is not a directory (a config problem)
    unsafe,         // a symlink, or a parent someone other than root can change (security)
  };
  Kind kind = Kind::ok;
  std::string message;  // says what is wrong and what to do; empty when ok
};

// The components of an absolute path, or an error for a relative path or one with "." or "..":
// such a path does not say where the mount lands without following the file system.
std::optional<std::string> path_spelling_problem(const std::string& path);

// Judges the walk: every level down to the mount point must be a real directory (no symlink),
// every parent owned by root and not writable by group (unless the group is root) or others,
// except a sticky directory (like /tmp) whose next level is root's: then nobody else can
// rename or replace that level. The mount point itself may belong to anyone: the mount child
// makes it root's and read-only before it mounts (see prepare_mount_point.cpp).
// `steps` ends early where the walk stopped (a missing, symlinked or non-directory level).
PathVerdict judge_path(const std::string& mount_point, const std::vector<PathStep>& steps);

// A mount point strictly below a network or FUSE mount, by the mount table alone (nothing on
// the path is touched): every look at such a path waits for that server, so a hung one would
// hang each child that looks. nullptr when every ancestor mount is local.
const MountEntry* nonlocal_ancestor(const std::vector<MountEntry>& table, const std::string& path);

// Whether a file-system type from the mount table waits for a server or a daemon.
bool is_nonlocal_fstype(const std::string& fstype);

}  // namespace mb::core::mount_table
