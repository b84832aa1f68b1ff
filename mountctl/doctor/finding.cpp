#include "mountctl/doctor/finding.hpp"

#include <algorithm>

#include "mountctl/exit_codes.hpp"

namespace mb::ctl::doctor {

const char* to_string(Status s) {
  switch (s) {
    case Status::ok:
      return "ok";
    case Status::note:
      return "note";
    case Status::skipped:
      return "skipped";
    case Status::warn:
      return "warn";
    case Status::problem:
      return "problem";
  }
  return "problem";
}

Status worst(const Findings& findings) {
  Status w = Status::ok;
  for (const Finding& f : findings) w = std::max(w, f.status);
  return w;
}

int exit_status(const Findings& findings) {
  switch (worst(findings)) {
    case Status::ok:
    case Status::note:
      return kOk;
    case Status::skipped:
    case Status::warn:
      return kWarnings;
    case Status::problem:
      return kFailed;
  }
  return kFailed;
}

void append(Findings& out, Findings more) {
  out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

}  // namespace mb::ctl::doctor
