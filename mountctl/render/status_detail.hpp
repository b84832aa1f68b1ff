#pragma once
// `mountctl status NAME`: one mount in detail, the way `systemctl status UNIT` shows a unit:
// where it is and why, what happens next, where it comes from, and its recent log lines.
#include <cstdint>
#include <string>
#include <vector>

#include "proto/messages.hpp"

namespace mb::ctl::render {

struct LogLines {
  std::string from;                // "/var/log/mount-broker.log", "the journal", or ""
  std::vector<std::string> lines;  // oldest first
  std::string note;                // why there are none, when there are none
};

std::string status_detail(const proto::MountStatus& m, const LogLines& log, std::int64_t now);

}  // namespace mb::ctl::render
