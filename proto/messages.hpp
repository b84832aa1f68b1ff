#pragma once
// Typed requests and responses. The wire form (one JSON object per line) is in codec.cpp and
// pinned by tests/golden/proto/; docs/PROTOCOL.md describes it for people.
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "proto/error_code.hpp"

namespace mb::proto {

inline constexpr int kVersion = 1;
// The most bytes one message may take on the wire, newline included.
inline constexpr std::size_t kMaxMessage = 64 * 1024;

// ---- requests
struct StatusRequest {
  bool operator==(const StatusRequest&) const = default;
};
struct VersionRequest {
  bool operator==(const VersionRequest&) const = default;
};
struct ReloadRequest {
  bool operator==(const ReloadRequest&) const = default;
};
using RequestBody = std::variant<StatusRequest, VersionRequest, ReloadRequest>;

enum class Op { status, version, reload };
std::string_view to_string(Op op);
Op op_of(const RequestBody& body);
// Operations that change a mount, the state or the config need root or admin_group.
bool is_mutating(Op op);

struct Request {
  std::uint64_t id = 0;
  RequestBody body;
  bool operator==(const Request&) const = default;
};

// ---- responses
// One mount as `status` shows it. Phases, desired states and findings travel as their names
// (docs/PROTOCOL.md lists them) so old clients can print states they do not know.
struct MountStatus {
  std::string name;
  std::string type;
  std::string state;    // unmounted | mounting | mounted | degraded | recovering | unmounting | failed
  std::string desired;  // mounted | unmounted
  std::string finding;  // last reconcile: none | ok | lost | adopted | conflict | orphan | unmounted
  std::string mountpoint;
  std::string source;
  std::int64_t since = 0;  // unix seconds
  std::string reason;
  std::string last_error;
  int recoveries = 0;
  std::int64_t next_attempt_at = 0;  // unix seconds, 0 = none
  bool operator==(const MountStatus&) const = default;
};

struct StatusResponse {
  std::vector<MountStatus> mounts;
  std::vector<std::string> warnings;  // e.g. the config on disk is invalid
  bool operator==(const StatusResponse&) const = default;
};

struct VersionResponse {
  std::string version;
  int protocol = kVersion;
  std::int64_t pid = 0;
  std::string activation;  // how this broker instance got its socket
  bool operator==(const VersionResponse&) const = default;
};

struct ReloadResponse {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  std::vector<std::string> changed;
  bool operator==(const ReloadResponse&) const = default;
};

struct ErrorBody {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  bool operator==(const ErrorBody&) const = default;
};

using ResponseBody = std::variant<ErrorBody, StatusResponse, VersionResponse, ReloadResponse>;

struct Response {
  std::uint64_t id = 0;
  ResponseBody body;
  bool operator==(const Response&) const = default;
};

}  // namespace mb::proto
