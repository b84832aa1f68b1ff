#pragma once
// Check 8: the service manager has mount-broker's jobs loaded (systemd: the socket and the
// sweep timer enabled and active; launchd: each job loaded), where it can be asked.
#include "mountctl/doctor/finding.hpp"
#include "mountctl/doctor/run_command.hpp"
#include "platform/service_manager.hpp"

namespace mb::ctl::doctor {

// Runs the platform's queries through `run`; pure given the runner.
Findings check_services(const platform::ServiceManager& manager, const CommandRunner& run);

}  // namespace mb::ctl::doctor
