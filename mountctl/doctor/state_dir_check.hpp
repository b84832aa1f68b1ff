#pragma once
// Check 3: the state directory is root's and mode 0700. Missing is fine: the broker creates it
// (mkdir -p, 0700) when it first starts, and `cmake --install` creates it too; so a missing
// one is only a note.
#include <string>

#include "mountctl/doctor/finding.hpp"
#include "mountctl/doctor/path_safety.hpp"

namespace mb::ctl::doctor {

// Pure. `chain`: the directory first, then its parents; empty when it does not exist.
Findings judge_state_dir(const std::string& dir, const std::vector<PathInfo>& chain);

Findings check_state_dir(const std::string& dir);

}  // namespace mb::ctl::doctor
