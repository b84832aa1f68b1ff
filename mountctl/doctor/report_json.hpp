#pragma once
// Doctor's findings for scripts, in the envelope of the broker's replies:
// {"v": 1, "id": 0, "ok": true, "worst": STATUS, "findings": [...]}, one object per finding
// {"check", "subject", "status" (ok|note|skipped|warn|problem), "message", "fix"}.
#include <string>

#include "mountctl/doctor/finding.hpp"

namespace mb::ctl::doctor {

std::string report_json(const Findings& findings);

}  // namespace mb::ctl::doctor
