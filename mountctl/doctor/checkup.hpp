#pragma once
// `mountctl doctor`: every check in order, each finding with the command that fixes it.
// Doctor reads what the broker reads (config, credentials, mount table) with the broker's own
// code, so it works when no broker can start; it needs no root, and says what it could not
// check without it.
#include <chrono>
#include <string>

#include "mountctl/doctor/finding.hpp"

namespace mb::ctl::doctor {

struct Options {
  std::string config_path;
  bool config_given = false;  // --config: repeated in the fix commands
  std::string socket;
  bool socket_given = false;  // not the default: repeated in the fix commands
  std::chrono::milliseconds connect_timeout{2000};
};

Findings checkup(const Options& options);

}  // namespace mb::ctl::doctor
