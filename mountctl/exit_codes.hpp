#pragma once
// mountctl's documented exit statuses (docs/PROTOCOL.md, mountctl --help). Scripts rely on
// these numbers: never renumber, only add.
#include "proto/error_code.hpp"

namespace mb::ctl {

enum ExitCode : int {
  kOk = 0,
  kFailed = 1,            // the operation ran and failed, or something is unhealthy
  kUsage = 2,             // bad command line
  kUnreachable = 3,       // no broker answered on the socket
  kNotFound = 4,          // no such mount
  kPermissionDenied = 5,  // needs root or admin_group
  kConfigInvalid = 6,     // the config file is invalid
  kProtocol = 7,          // the broker and mountctl do not understand each other
  kTimeout = 8,           // busy or a deadline passed
  kWarnings = 9,          // doctor: warnings, no problems
  kNotSaved = 10,         // done or accepted, but the broker could not save it (not durable)
};

ExitCode exit_code_for(proto::ErrorCode code);
// The table as text, for --help.
const char* exit_code_help();

}  // namespace mb::ctl
