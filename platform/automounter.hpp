#pragma once
// Where this OS keeps the tables of other automounters, which may claim the same paths as
// mount-broker: /etc/fstab, and the autofs master map and its maps (Linux autofs:
// /etc/auto.master and /etc/auto.master.d/*.autofs; macOS: /etc/auto_master).
#include <string>

namespace mb::platform {

struct AutomounterFiles {
  std::string fstab;         // "/etc/fstab"
  std::string master;        // the master map
  std::string master_dir;    // a directory of extra master maps (*.autofs); "" if none
  std::string map_dir;       // where a map given by a bare name ("auto.misc") lives
  std::string reload;        // the command that makes the automounter reread its maps
  std::string fstab_apply;   // the command that makes an fstab edit take effect; "" if none
  std::string sed_in_place;  // in-place edit: "sed -i" (GNU) or "sed -i ''" (BSD)
};

AutomounterFiles automounter_files();

}  // namespace mb::platform
