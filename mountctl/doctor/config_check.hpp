#pragma once
// Check 2: the config is valid (the loader's own messages) and safely owned (the file and every
// directory above it are root's and writable by root only).
#include <optional>
#include <string>

#include "core/config/config.hpp"
#include "mountctl/doctor/finding.hpp"

namespace mb::ctl::doctor {

struct ConfigOutcome {
  Findings findings;
  std::optional<core::config::Config> config;  // when valid
};

// `sudo_doctor`: the command that reruns doctor as root, for what only root can read.
ConfigOutcome check_config(const std::string& path, const std::string& sudo_doctor);

// Pure: one problem per line of the loader's error message, each with the same fix.
Findings invalid_config(const std::string& path, const std::string& loader_error);

}  // namespace mb::ctl::doctor
