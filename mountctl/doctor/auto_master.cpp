#include "mountctl/doctor/auto_master.hpp"

#include "mountctl/doctor/map_lines.hpp"

namespace mb::ctl::doctor {
namespace {

bool is_type_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ',';
}

}  // namespace

void split_map_type(const std::string& word, std::string& type, std::string& map) {
  std::size_t colon = word.find(':');
  bool prefixed = colon != std::string::npos && colon > 0;
  for (std::size_t i = 0; prefixed && i < colon; ++i) prefixed = is_type_char(word[i]);
  if (!prefixed) {
    type.clear();
    map = word;
    return;
  }
  type = word.substr(0, colon);
  if (auto comma = type.find(','); comma != std::string::npos) type.resize(comma);  // ",sun"
  map = word.substr(colon + 1);
}

MasterMap parse_auto_master(std::string_view text) {
  MasterMap out;
  for (const MapLine& l : map_lines(text)) {
    const std::string& first = l.words.front();
    if (first.front() == '+') {
      MasterInclude inc;
      inc.line = l.line;
      inc.directory = first.rfind("+dir:", 0) == 0;
      inc.name = first.substr(inc.directory ? 5 : 1);
      out.includes.push_back(std::move(inc));
      continue;
    }
    if (l.words.size() < 2 || first.front() != '/') continue;
    MasterEntry e;
    e.line = l.line;
    e.last_line = l.last_line;
    e.mount_point = first;
    while (e.mount_point.size() > 1 && e.mount_point.back() == '/' && e.mount_point != "/-")
      e.mount_point.pop_back();
    split_map_type(l.words[1], e.map_type, e.map);
    out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace mb::ctl::doctor
