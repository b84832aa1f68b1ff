#pragma once
// The class a failure is sorted into: what the supervisor decides retries on, and what a
// person reads in `status` (error_class). The retry policy is in core/supervisor.
#include <optional>
#include <string_view>

namespace mb::core::state {

enum class ErrorClass { none, auth, network, config, busy, timeout, unknown };

// The names state.json and the protocol carry ("auth", "network", ...); none, the class of a
// record where nothing failed, is "".
const char* to_string(ErrorClass c);
// Inverse of to_string; "none" is none too (what a failure without a class once wrote).
std::optional<ErrorClass> error_class_from_string(std::string_view s);

}  // namespace mb::core::state
