#include "mountctl/doctor/fstab.hpp"

#include "core/mount_table/mountinfo.hpp"
#include "mountctl/doctor/map_lines.hpp"

namespace mb::ctl::doctor {
namespace {

// "/mnt//photos/" names the same directory as "/mnt/photos", the spelling of the mount table
// and of our config: repeated slashes collapse, trailing ones go ("/" stays). Other mount
// points ("none", "swap") are left as written.
std::string clean_mount_point(std::string path) {
  if (path.empty() || path.front() != '/') return path;
  std::string out;
  for (char c : path)
    if (c != '/' || out.empty() || out.back() != '/') out += c;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace

std::vector<FstabEntry> parse_fstab(std::string_view text) {
  using core::mount_table::decode_mountinfo_escapes;
  std::vector<FstabEntry> out;
  for (const MapLine& l : map_lines(text)) {
    if (l.words.size() < 2) continue;
    FstabEntry e;
    e.line = l.line;
    e.last_line = l.last_line;
    // fstab escapes blanks in paths the way the kernel's mount table does (\040).
    e.source = decode_mountinfo_escapes(l.words[0]);
    e.mount_point = clean_mount_point(decode_mountinfo_escapes(l.words[1]));
    e.fstype = l.words.size() > 2 ? l.words[2] : "";
    e.options = l.words.size() > 3 ? l.words[3] : "defaults";
    out.push_back(std::move(e));
  }
  return out;
}

bool has_option(std::string_view options, std::string_view name) {
  std::size_t pos = 0;
  while (pos <= options.size()) {
    std::size_t end = options.find(',', pos);
    if (end == std::string_view::npos) end = options.size();
    if (options.substr(pos, end - pos) == name) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace mb::ctl::doctor
