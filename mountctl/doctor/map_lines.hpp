#pragma once
// The logical lines of an fstab or automounter map: comments ("#" first) and blank lines
// dropped, a line ending in "\" joined with the next (autofs maps allow that), each split
// into whitespace-separated words and numbered by the lines it spans. A line never has no
// words.
#include <string>
#include <string_view>
#include <vector>

namespace mb::ctl::doctor {

struct MapLine {
  int line = 0;       // 1-based number of the physical line it starts on
  int last_line = 0;  // and of the one it ends on (after backslash continuations)
  std::vector<std::string> words;
};

std::vector<MapLine> map_lines(std::string_view text);

}  // namespace mb::ctl::doctor
