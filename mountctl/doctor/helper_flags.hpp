#pragma once
// Check 7: a command mount's helper flags that defeat the probe or lock out other users.
// A FUSE mount made by root is readable by root alone unless the helper is given allow_other,
// while the broker's probe (root) finds it healthy; rclone answers listings from a 5 minute
// directory cache, so a probe that finds no file to read trusts the cache. Pure: it reads
// only the config.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "mountctl/doctor/finding.hpp"

namespace mb::ctl::doctor {

// An rclone duration ("5m", "1h30m", "90s", "0", "2d") in seconds; nullopt if unreadable.
std::optional<double> rclone_seconds(std::string_view text);

// Whether a FUSE "-o a,b" / "-oa,b" list in `argv` has `name` (or name=VALUE); case-insensitive.
bool has_fuse_option(const std::vector<std::string>& argv, std::string_view name);

Findings check_helper_flags(const core::config::Config& config);

}  // namespace mb::ctl::doctor
