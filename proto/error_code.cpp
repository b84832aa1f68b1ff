#include "proto/error_code.hpp"

#include <array>
#include <utility>

namespace mb::proto {
namespace {
constexpr std::array<std::pair<ErrorCode, std::string_view>, 15> kNames{{
    {ErrorCode::bad_request, "bad_request"},
    {ErrorCode::oversize, "oversize"},
    {ErrorCode::unsupported_version, "unsupported_version"},
    {ErrorCode::unknown_op, "unknown_op"},
    {ErrorCode::permission_denied, "permission_denied"},
    {ErrorCode::not_found, "not_found"},
    {ErrorCode::config_invalid, "config_invalid"},
    {ErrorCode::state_read_only, "state_read_only"},
    {ErrorCode::busy, "busy"},
    {ErrorCode::timeout, "timeout"},
    {ErrorCode::failed, "failed"},
    {ErrorCode::internal, "internal"},
    {ErrorCode::not_saved, "not_saved"},
    {ErrorCode::unreachable, "unreachable"},
    {ErrorCode::bad_response, "bad_response"},
}};
}  // namespace

std::string_view to_string(ErrorCode c) {
  for (const auto& [code, name] : kNames)
    if (code == c) return name;
  return "internal";
}

std::optional<ErrorCode> error_code_from_string(std::string_view s) {
  for (const auto& [code, name] : kNames)
    if (name == s) return code;
  return std::nullopt;
}

}  // namespace mb::proto
