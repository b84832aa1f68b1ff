#pragma once
// Check: [broker] admin_group names a group this machine has. A missing group is no error to
// the broker (only root may then change anything), but a first run where `sudo mountctl mount`
// works and `mountctl mount` is refused for every administrator should say why, and what to set.
#include <functional>
#include <string>

#include "mountctl/doctor/finding.hpp"

namespace mb::ctl::doctor {

using GroupExists = std::function<bool(const std::string& group)>;

// Groups that administer a machine, in the order they are offered as the fix.
inline constexpr const char* kAdminGroupCandidates[] = {"sudo", "wheel", "admin", "staff"};

Finding check_admin_group(const std::string& group, const std::string& config_path,
                          const GroupExists& exists);

}  // namespace mb::ctl::doctor
