#pragma once
// Check 6: the programs the broker will run for each mount exist where it will look for them:
// the backend's helper (mount.cifs, mount_smbfs, mount, a command mount's argv[0]) and the
// helpers `mount` itself runs (mount.nfs, mount_nfs).
#include <functional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "mountctl/doctor/finding.hpp"
#include "mountctl/doctor/program_path.hpp"

namespace mb::ctl::doctor {

// Pure. `users`: the mounts that need it; `elsewhere`: where it is in doctor's own PATH
// when the broker's lookup failed; `install`: the command that installs it ("" if unknown).
Finding judge_program(const std::string& program, const std::vector<std::string>& users,
                      const ProgramLookup& lookup, const std::string& elsewhere,
                      const std::string& install, const std::string& config_path);

// What this OS adds (platform/mount_helpers.hpp), passed in by the caller.
struct HelperPlatform {
  std::function<std::vector<std::string>(core::config::MountType)> filesystem_helpers;
  std::function<std::string(const std::string&)> install_command;
};

Findings check_helpers(const core::config::Config& config, const HelperPlatform& platform);

}  // namespace mb::ctl::doctor
