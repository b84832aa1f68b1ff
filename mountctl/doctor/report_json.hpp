#pragma once
// Doctor's findings for scripts: a JSON array with one object per finding
// {"check", "subject", "status" (ok|note|skipped|warn|problem), "message", "fix"}.
#include <string>

#include "mountctl/doctor/finding.hpp"

namespace mb::ctl::doctor {

std::string report_json(const Findings& findings);

}  // namespace mb::ctl::doctor
