#pragma once
// Recent log lines of a mount from the systemd journal, for `status NAME` when the broker has
// no log_file (under systemd its stderr goes to the journal).
#include <string>
#include <string_view>
#include <vector>

#include "mountctl/render/status_detail.hpp"

namespace mb::ctl {

// Lines of journalctl output about mount `name` (a message that starts "NAME: "), the last
// `max` of them, oldest first.
std::vector<std::string> journal_lines_about(std::string_view out, std::string_view name,
                                             std::size_t max);

// Asks journalctl (bounded by a deadline) for the service's recent lines. When it is missing
// or refuses (not in group systemd-journal or adm), `note` says so.
render::LogLines journal_log(const std::string& name, std::size_t max);

}  // namespace mb::ctl
