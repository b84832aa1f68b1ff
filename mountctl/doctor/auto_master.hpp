#pragma once
// Parser for the automounter's master map: Linux autofs /etc/auto.master and
// /etc/auto.master.d/*.autofs, macOS /etc/auto_master. Each line is
//   mount-point [type[,format]:]map [options]
// where mount-point "/-" means a direct map (its keys are absolute paths) and any other
// mount point takes an indirect map (its keys are names under that directory). Pure.
#include <string>
#include <string_view>
#include <vector>

namespace mb::ctl::doctor {

struct MasterEntry {
  int line = 0;
  int last_line = 0;        // the last physical line of the entry (backslash continuations)
  std::string mount_point;  // "/-" for a direct map
  std::string map_type;     // "file", "program", "yp", "ldap", ...; "" when not written
  std::string map;          // "/etc/auto.misc", "auto.misc", "-hosts", "-static", ...
  bool direct() const { return mount_point == "/-"; }
};

// "+dir:/etc/auto.master.d" (every *.autofs file there) or "+auto.master" (the name
// service's map of that name, which doctor cannot read).
struct MasterInclude {
  int line = 0;
  bool directory = false;
  std::string name;
};

struct MasterMap {
  std::vector<MasterEntry> entries;
  std::vector<MasterInclude> includes;
};

MasterMap parse_auto_master(std::string_view text);

// Splits "type[,format]:map" into its type and map; "" type when there is no such prefix
// ("/etc/auto.misc", "-hosts").
void split_map_type(const std::string& word, std::string& type, std::string& map);

}  // namespace mb::ctl::doctor
