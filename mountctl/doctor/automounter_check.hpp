#pragma once
// Check 7: no other automounter claims our mount points: /etc/fstab, and the autofs master
// map with the maps it names (Linux autofs; macOS automountd reads the same format).
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "mountctl/doctor/automounter_claims.hpp"
#include "mountctl/doctor/finding.hpp"
#include "platform/automounter.hpp"

namespace mb::ctl::doctor {

// Each mount's path as written and as resolved.
std::vector<OurPath> our_paths(const core::config::Config& config);

Findings check_automounters(const std::vector<OurPath>& ours,
                            const platform::AutomounterFiles& files,
                            const std::string& sudo_doctor);

}  // namespace mb::ctl::doctor
