#pragma once
// The latest lines of the broker's log file about one mount, for `status NAME`: the history
// that explains a phase, without asking a person to find and grep the file.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mb::broker::ops {

// Lines of `text` (the line format of docs/LOGGING.md) whose message is about mount `name`
// ("... info: photos: mounting -> mounted"), the last `max` of them, oldest first. A first line
// cut by a read that started mid-file is skipped by the caller, not here.
std::vector<std::string> lines_about(std::string_view text, std::string_view name, std::size_t max);

// The same from the end of the file at `path` (its last 256 KiB); none when it cannot be read.
std::vector<std::string> recent_log(const std::string& path, std::string_view name,
                                    std::size_t max);

}  // namespace mb::broker::ops
