#pragma once
// The logical lines of an fstab or automounter map: comments ("#" first) and blank lines
// dropped, a line ending in "\" joined with the next (autofs maps allow that), each split
// into whitespace-separated words and numbered by the line it starts on.
#include <string>
#include <string_view>
#include <vector>

namespace mb::ctl::doctor {

struct MapLine {
  int line = 0;  // 1-based number of the physical line it starts on
  std::vector<std::string> words;
};

std::vector<MapLine> map_lines(std::string_view text);

}  // namespace mb::ctl::doctor
