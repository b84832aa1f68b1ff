#pragma once
// Pure: which entries of other automounters claim the paths of our mounts. fstab entries and
// autofs map keys equal to a mount point, and autofs indirect mount points that contain one
// (autofs owns every path under the directory it mounts on).
#include <string>
#include <vector>

#include "mountctl/doctor/automount_map.hpp"
#include "mountctl/doctor/finding.hpp"
#include "mountctl/doctor/fstab.hpp"

namespace mb::ctl::doctor {

// One configured mount and the spellings of its path: as written and as resolved.
struct OurPath {
  std::string name;
  std::vector<std::string> paths;
};

// How fixes are written on this OS.
struct EditCommands {
  std::string sed_in_place;  // "sed -i" (GNU) or "sed -i ''" (BSD)
  std::string apply;         // after an edit, e.g. "systemctl reload autofs"; may be empty
};

// Where an automounter entry was found, for messages and fixes.
struct Place {
  std::string file;
  int line = 0;
  int last_line = 0;  // where a backslash-continued entry ends; 0: on `line`
};

// A command that comments out every line of `place`'s entry, then `edit.apply`.
std::string comment_out(const Place& place, const EditCommands& edit);

Findings fstab_claims(const std::vector<OurPath>& ours, const std::vector<FstabEntry>& fstab,
                      const std::string& file, const EditCommands& edit);

// `master`: the master-map line that names this direct map.
Findings direct_map_claims(const std::vector<OurPath>& ours, const AutomountMap& map,
                           const std::string& map_file, const Place& master,
                           const EditCommands& edit);

// An indirect map mounted at `dir` by the master-map line `master`; `map` is null when its
// keys cannot be listed (a program or network map, or a file that cannot be read).
Findings indirect_map_claims(const std::vector<OurPath>& ours, const std::string& dir,
                             const AutomountMap* map, const std::string& map_file,
                             const Place& master, const EditCommands& edit);

}  // namespace mb::ctl::doctor
