#pragma once
// Parser for one automounter map file (autofs "sun" format, also macOS): each entry is
//   key [-options] location...
// In a direct map the key is an absolute path; in an indirect map it is a name under the
// map's mount point, or "*" for every name. "+name" lines include another map. Pure.
#include <string>
#include <string_view>
#include <vector>

namespace mb::ctl::doctor {

struct MapEntry {
  int line = 0;
  std::string key;
  int last_line = 0;  // the last physical line of the entry (backslash continuations)
};

struct AutomountMap {
  std::vector<MapEntry> entries;
  std::vector<MapEntry> includes;  // key is the included map's name, without "+"
};

AutomountMap parse_automount_map(std::string_view text);

}  // namespace mb::ctl::doctor
