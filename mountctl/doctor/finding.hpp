#pragma once
// One result of `mountctl doctor`: what was checked, how it stands, and the command that
// fixes it. The exit status follows the worst finding.
#include <string>
#include <vector>

namespace mb::ctl::doctor {

// In order of severity. A note is information worth saying (e.g. no systemd to ask) and does
// not change the exit status. Skipped means doctor could not check something (most often: it
// is not root); it exits as for a warning, since what it could not see may be broken.
enum class Status { ok, note, skipped, warn, problem };

struct Finding {
  std::string check;    // "socket", "config", "state", "mountpoint", ...
  std::string subject;  // what it is about: a path, a mount's name, a program, a unit
  Status status = Status::ok;
  std::string message;
  std::string fix;  // the command that fixes it; empty for ok

  bool operator==(const Finding&) const = default;
};

using Findings = std::vector<Finding>;

const char* to_string(Status s);

Status worst(const Findings& findings);
// 0 when nothing is worse than a note, kWarnings with warnings or skipped checks only,
// kFailed with a problem.
int exit_status(const Findings& findings);

// Appends `more` to `out`.
void append(Findings& out, Findings more);

}  // namespace mb::ctl::doctor
