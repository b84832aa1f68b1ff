#pragma once
// One line for people per monitor event, like `udisksctl monitor`: what changed and why.
#include <string>

#include "proto/messages.hpp"

namespace mb::ctl::render {

// The event without its time (the caller prefixes the local time of day).
std::string monitor_line(const proto::Event& e);
// "HH:MM:SS" in local time.
std::string time_of_day(std::int64_t unix_seconds);

}  // namespace mb::ctl::render
