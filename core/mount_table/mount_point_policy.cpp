#include "core/mount_table/mount_point_policy.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace mb::core::mount_table {
namespace {

using Kind = PathVerdict::Kind;

std::string octal(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Someone other than root can rename, replace or swap entries of this directory.
std::optional<std::string> writable_by_others(const PathStep& s) {
  if (s.uid != 0) return "is owned by uid " + std::to_string(s.uid);
  if ((s.mode & S_IWGRP) && s.gid != 0)
    return "is writable by group " + std::to_string(s.gid) + " (mode " + octal(s.mode) + ")";
  if (s.mode & S_IWOTH) return "is writable by everyone (mode " + octal(s.mode) + ")";
  return std::nullopt;
}

PathVerdict unsafe_parent(const std::string& mount_point, const PathStep& s,
                          const std::string& why) {
  return {Kind::unsafe,
          "security: " + s.path + " " + why + ", so a user could swap it for a symlink and move " +
              "the mount of " + mount_point +
              " elsewhere; refused (make every parent of the mount point root's and not " +
              "writable by others: chown root " + s.path + " && chmod go-w " + s.path +
              ", or choose another mount point)"};
}

}  // namespace

std::optional<std::string> path_spelling_problem(const std::string& path) {
  if (path.empty() || path.front() != '/')
    return "mount point " + path + " is not an absolute path";
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = std::min(path.find('/', start), path.size());
    std::string part = path.substr(start, end - start);
    if (part == "." || part == "..")
      return "mount point " + path + " contains \"" + part +
             "\"; write it without . and .. components";
    start = end + 1;
  }
  if (path == "/") return "the root directory cannot be a mount point";
  return std::nullopt;
}

PathVerdict judge_path(const std::string& mount_point, const std::vector<PathStep>& steps) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const PathStep& s = steps[i];
    const bool last = s.path == mount_point;
    if (!s.exists)
      return {Kind::missing, "mount point " + mount_point +
                                 " does not exist (create it: mkdir -p " + mount_point + ")"};
    if (s.is_symlink)
      return {Kind::unsafe, "security: " + s.path +
                                " is a symbolic link; a mount point is reached without following " +
                                "links, so that whoever owns a link cannot move a root mount; " +
                                "write the real path in the config"};
    if (!s.is_directory)
      return {Kind::not_directory, (last ? "mount point " : "mount point " + mount_point + ": ") +
                                       s.path + " is not a directory"};
    if (last) return {};
    auto why = writable_by_others(s);
    // A sticky directory of root's (like /tmp): only the owner of an entry may rename or
    // remove it, so a next level that is root's stays where it is.
    const bool sticky_guard = s.uid == 0 && (s.mode & S_ISVTX) && i + 1 < steps.size() &&
                              steps[i + 1].exists && steps[i + 1].uid == 0;
    if (why && !sticky_guard) return unsafe_parent(mount_point, s, *why);
  }
  return {Kind::missing, "mount point " + mount_point + " does not exist (create it: mkdir -p " +
                             mount_point + ")"};
}

bool is_nonlocal_fstype(const std::string& fstype) {
  static constexpr std::array<const char*, 9> kNetwork = {"nfs", "nfs4", "cifs", "smb3", "smbfs",
                                                          "9p",  "ceph", "afs",  "ncpfs"};
  if (fstype == "fuse" || fstype == "fuseblk" || fstype.rfind("fuse.", 0) == 0) return true;
  return std::find(kNetwork.begin(), kNetwork.end(), fstype) != kNetwork.end();
}

const MountEntry* nonlocal_ancestor(const std::vector<MountEntry>& table, const std::string& path) {
  for (const MountEntry& e : table) {
    if (!is_nonlocal_fstype(e.fstype) || e.mount_point == path) continue;
    const std::string prefix = e.mount_point == "/" ? "/" : e.mount_point + "/";
    if (path.rfind(prefix, 0) == 0) return &e;
  }
  return nullptr;
}

}  // namespace mb::core::mount_table
