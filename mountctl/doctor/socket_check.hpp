#pragma once
// Check 1: the control socket answers a `version` request, and the service manager (not a
// resident `--listen` broker) owns it.
#include <chrono>
#include <optional>
#include <string>

#include "mountctl/doctor/finding.hpp"
#include "proto/messages.hpp"

namespace mb::ctl::doctor {

struct SocketFacts {
  std::string path;
  enum class Kind {
    hidden,        // stat refused: a directory above it is closed to this user
    missing,       // no such file
    not_a_socket,  // some other file
    unreachable,   // connect failed (refused past the retries, ...)
    denied,        // connect refused for this user (the socket's mode)
    timeout,       // accepted, no answer in time
    protocol,      // an answer mountctl does not understand
    refused,       // the broker answered with an error
    answered,
  };
  Kind kind = Kind::missing;
  std::string detail;  // the client's error, or the broker's error response
  std::optional<proto::VersionResponse> version;  // when answered
};

// Pure. `fix`: the command that makes the service manager listen on the socket;
// `sudo_doctor`: the command that reruns doctor as root.
Finding judge_socket(const SocketFacts& facts, const std::string& fix,
                     const std::string& sudo_doctor);

// Looks at the path, then sends `version`, retrying a refused connect for `connect_timeout`.
SocketFacts probe_socket(const std::string& path, std::chrono::milliseconds connect_timeout);

// The broker's view of the mounts (`status`), for telling our mounts from others'; nullopt
// when it does not answer.
std::optional<proto::StatusResponse> broker_status(const std::string& path,
                                                   std::chrono::milliseconds connect_timeout);

}  // namespace mb::ctl::doctor
