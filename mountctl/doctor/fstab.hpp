#pragma once
// Parser for /etc/fstab (Linux and macOS): "source mount_point fstype options [freq [passno]]".
// Pure, so it is tested without touching the real file.
#include <string>
#include <string_view>
#include <vector>

namespace mb::ctl::doctor {

struct FstabEntry {
  int line = 0;
  int last_line = 0;  // the last physical line of the entry (backslash continuations)
  std::string source;
  std::string mount_point;  // \040-style escapes decoded; no trailing or repeated "/"
  std::string fstype;
  std::string options;  // comma-separated, as written ("defaults" when absent)
};

// Lines with fewer than two fields are skipped.
std::vector<FstabEntry> parse_fstab(std::string_view text);

// Whether the comma-separated `options` contain `name` exactly.
bool has_option(std::string_view options, std::string_view name);

}  // namespace mb::ctl::doctor
