#include "mountctl/doctor/automount_map.hpp"

#include "mountctl/doctor/map_lines.hpp"

namespace mb::ctl::doctor {

AutomountMap parse_automount_map(std::string_view text) {
  AutomountMap out;
  for (const MapLine& l : map_lines(text)) {
    std::string key = l.words.front();
    if (key.front() == '+') {
      out.includes.push_back({l.line, key.substr(1), l.last_line});
      continue;
    }
    // A direct map's key may be written with a trailing slash; the mount table has none.
    while (key.size() > 1 && key.back() == '/') key.pop_back();
    out.entries.push_back({l.line, std::move(key), l.last_line});
  }
  return out;
}

}  // namespace mb::ctl::doctor
