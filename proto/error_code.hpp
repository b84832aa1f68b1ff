#pragma once
// The error codes both binaries share. mountctl maps each to a documented exit status
// (mountctl/exit_codes.cpp); the wire carries the name.
#include <optional>
#include <string_view>

namespace mb::proto {

enum class ErrorCode {
  bad_request,          // not JSON, not an object, a field missing or of the wrong type
  oversize,             // a line longer than kMaxMessage
  unsupported_version,  // "v" is not kVersion
  unknown_op,           // "op" names no operation
  permission_denied,    // the peer may not change anything
  not_found,            // no mount of that name
  config_invalid,       // the config file is invalid (the last good one stays in force)
  state_read_only,      // state.json is from a newer schema: nothing may change it
  busy,                 // another operation holds what this one needs
  timeout,              // a deadline passed
  failed,               // the operation ran and failed
  internal,             // a bug: the broker could not do what it should
  not_saved,            // done or accepted, but state.json could not be written: not durable
  // mountctl's own, never sent by the broker: its --json error when there is no reply to print.
  unreachable,   // no broker accepted on the socket
  bad_response,  // the reply could not be read, or the connection closed mid-reply
};

std::string_view to_string(ErrorCode c);
std::optional<ErrorCode> error_code_from_string(std::string_view s);

}  // namespace mb::proto
