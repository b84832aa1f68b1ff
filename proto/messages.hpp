#pragma once
// Typed requests and responses. The wire form (one JSON object per line) is in codec.cpp and
// pinned by tests/golden/proto/; docs/PROTOCOL.md describes it for people.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "proto/error_code.hpp"

namespace mb::proto {

inline constexpr int kVersion = 1;
// The most bytes one request may take on the wire, newline included. Responses may be
// longer (a status of hundreds of mounts): clients accept up to kMaxResponse.
inline constexpr std::size_t kMaxMessage = 64 * 1024;
inline constexpr std::size_t kMaxResponse = 16 * 1024 * 1024;

// ---- requests
struct StatusRequest {
  std::string name;  // one mount in detail (`status NAME`); "" = every mount
  bool operator==(const StatusRequest&) const = default;
};
struct VersionRequest {
  bool operator==(const VersionRequest&) const = default;
};
struct ReloadRequest {
  bool operator==(const ReloadRequest&) const = default;
};
struct MountRequest {
  std::string name;
  bool wait = false;    // answer when mounted or failed, streaming state events meanwhile
  int timeout_sec = 0;  // with wait: give up waiting (the mount goes on) after this; 0 = default
  bool operator==(const MountRequest&) const = default;
};
struct UnmountRequest {
  std::string name;
  bool force = false;  // force / lazy unmount even if busy or dead
  bool operator==(const UnmountRequest&) const = default;
};
struct ProbeRequest {
  std::string name;
  bool operator==(const ProbeRequest&) const = default;
};
struct SweepRequest {
  // Retry at once what waits for a retry slot after a transient failure, and probe every
  // mounted share whatever its probe interval (a network change, a resume: mountctl sweep --now).
  bool now = false;
  bool operator==(const SweepRequest&) const = default;
};
// A live stream of state changes: events until the broker ends it (one final response) or the
// client closes the connection. Authorized like status: events carry no secret.
struct MonitorRequest {
  bool operator==(const MonitorRequest&) const = default;
};
// The metrics in the Prometheus text format, as [broker] metrics_file holds them. Authorized
// like status: the metrics carry names and counts, no secret.
struct MetricsRequest {
  bool operator==(const MetricsRequest&) const = default;
};
using RequestBody =
    std::variant<StatusRequest, VersionRequest, ReloadRequest, MountRequest, UnmountRequest,
                 ProbeRequest, SweepRequest, MonitorRequest, MetricsRequest>;

enum class Op { status, version, reload, mount, unmount, probe, sweep, monitor, metrics };
std::string_view to_string(Op op);
Op op_of(const RequestBody& body);
// Operations that change a mount, the state or the config need root or admin_group.
// `probe` is read-only: for others it reports without starting a recovery.
bool is_mutating(Op op);
std::optional<Op> op_from_string(std::string_view s);

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
  std::string
      state;  // unmounted | mounting | mounted | degraded | recovering | unmounting | failed
  std::string desired;  // mounted | unmounted
  std::string
      finding;  // last reconcile: none | ok | lost | adopted | conflict | orphan | unmounted
  std::string mountpoint;
  std::string source;
  std::int64_t since = 0;  // unix seconds
  std::string reason;
  std::string last_error;
  std::string error_class;  // auth | network | config | busy | timeout | unknown, "" when none
  int recoveries = 0;
  std::int64_t next_attempt_at = 0;  // unix seconds, 0 = none
  // A failed config problem a change on disk may fix: every sweep tries it again.
  bool retry_each_sweep = false;
  std::vector<std::string> options;  // the mount options from the config (never a secret)
  std::int64_t last_probe_at = 0;    // unix seconds of the last finished probe, 0 = none
  std::int64_t last_probe_ms = 0;    // how long that probe took
  bool operator==(const MountStatus&) const = default;
};

struct StatusResponse {
  std::vector<MountStatus> mounts;
  std::vector<std::string> warnings;  // e.g. the config on disk is invalid
  // `status NAME` only: the broker's log file ("" = it logs to stderr, e.g. the journal) and
  // the latest lines of it about that mount, oldest first.
  std::string log_file;
  std::vector<std::string> log;
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

// mount and unmount answer with the mount as it is when the operation settled (or started,
// without wait).
struct MountResponse {
  MountStatus mount;
  bool operator==(const MountResponse&) const = default;
};

struct ProbeResponse {
  std::string outcome;  // healthy | definite | ambiguous
  std::string detail;
  std::int64_t latency_ms = 0;
  bool recovering = false;  // the result started a recovery (only for authorized callers)
  MountStatus mount;
  bool operator==(const ProbeResponse&) const = default;
};

struct SweepItem {
  std::string name;
  std::string state;
  std::string
      action;  // none | mounted | probed | recovered | idle-unmounted | retry scheduled | "A -> B"
  bool healthy = true;  // wanted and working, or not wanted
  std::string detail;
  bool operator==(const SweepItem&) const = default;
};

struct SweepResponse {
  std::vector<SweepItem> mounts;
  bool healthy = true;  // every item healthy
  std::int64_t duration_ms = 0;
  bool operator==(const SweepResponse&) const = default;
};

// The end of a monitor stream, sent by the broker when it exits (the client may reconnect).
struct MonitorResponse {
  std::string reason;
  bool operator==(const MonitorResponse&) const = default;
};

// The text exposition format (version 0.0.4), one string: what a collector would read.
struct MetricsResponse {
  std::string text;
  bool operator==(const MetricsResponse&) const = default;
};

struct ErrorBody {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  bool operator==(const ErrorBody&) const = default;
};

using ResponseBody =
    std::variant<ErrorBody, StatusResponse, VersionResponse, ReloadResponse, MountResponse,
                 ProbeResponse, SweepResponse, MonitorResponse, MetricsResponse>;

struct Response {
  std::uint64_t id = 0;
  ResponseBody body;
  bool operator==(const Response&) const = default;
};

// Streamed before the final response of a long operation. `mount --wait` streams `state`
// events (a mount changed state); `monitor` streams every kind, each with its time.
struct Event {
  std::uint64_t id = 0;              // the request it belongs to
  MountStatus mount;                 // state: the mount as it is now
  std::string kind = "state";        // state | hello | sweep-start | sweep-end
  std::int64_t time = 0;             // monitor: unix seconds when it happened (0 = not a monitor)
  std::string from;                  // state (monitor): the phase before, "" when first seen
  std::vector<std::string> changes;  // state (monitor): phase | desired | error | recoveries
  std::int64_t duration_ms = 0;      // sweep-end
  bool healthy = true;               // sweep-end: every mount wanted is working
  std::int64_t pid = 0;              // hello: the broker instance now streaming
  std::string version;               // hello
  bool operator==(const Event&) const = default;
};

}  // namespace mb::proto
