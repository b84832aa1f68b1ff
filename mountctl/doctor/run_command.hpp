#pragma once
// Runs a query command (systemctl, launchctl, security) as a child with a deadline, without a
// shell, through the broker's ChildRunner: a service manager that hangs cannot hang doctor.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace mb::ctl::doctor {

struct CommandResult {
  bool ran = false;  // false: it could not be started, or it timed out or was killed
  int exit_code = -1;
  std::string out;    // stdout
  std::string error;  // why it did not run to its end
};

using CommandRunner = std::function<CommandResult(const std::vector<std::string>& argv)>;

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds deadline);

// run_command with the deadline doctor uses for every query.
CommandRunner default_runner();

}  // namespace mb::ctl::doctor
