#include "mountctl/exit_codes.hpp"

namespace mb::ctl {

ExitCode exit_code_for(proto::ErrorCode code) {
  using proto::ErrorCode;
  switch (code) {
    case ErrorCode::not_found:
      return kNotFound;
    case ErrorCode::permission_denied:
      return kPermissionDenied;
    case ErrorCode::config_invalid:
      return kConfigInvalid;
    case ErrorCode::busy:
    case ErrorCode::timeout:
      return kTimeout;
    case ErrorCode::bad_request:
    case ErrorCode::oversize:
    case ErrorCode::unsupported_version:
    case ErrorCode::unknown_op:
    case ErrorCode::internal:
      return kProtocol;
    case ErrorCode::state_read_only:
    case ErrorCode::failed:
      return kFailed;
    case ErrorCode::not_saved:
      return kNotSaved;
    case ErrorCode::unreachable:
      return kUnreachable;
    case ErrorCode::bad_response:
      return kProtocol;
  }
  return kFailed;
}

const char* exit_code_help() {
  return "Exit status:\n"
         "  0  success\n"
         "  1  the operation failed, or something is unhealthy\n"
         "  2  usage error\n"
         "  3  the broker is unreachable\n"
         "  4  no such mount\n"
         "  5  permission denied (needs root or admin_group)\n"
         "  6  the config file is invalid\n"
         "  7  protocol error (mountctl and broker disagree)\n"
         "  8  busy or timed out\n"
         "  9  doctor: warnings or checks it could not run, no problems\n"
         "  10 done or accepted, but the broker could not save it to disk (it keeps it in\n"
         "     memory, retries the save and stays running; see mountctl status)\n";
}

}  // namespace mb::ctl
