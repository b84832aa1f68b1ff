#pragma once
// Doctor's findings for people: one line per finding (status, check, subject: message), the
// fix on the next line, then a summary that says whether all is well.
#include <string>

#include "mountctl/doctor/finding.hpp"

namespace mb::ctl::doctor {

std::string report_text(const Findings& findings);

}  // namespace mb::ctl::doctor
