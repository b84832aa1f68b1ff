#pragma once
// What the broker asks its fork server for, and what it answers, as bytes (one datagram each;
// platform/fork_server.hpp). Pure: encoding only, no system call. The child's descriptors
// travel beside the request (SCM_RIGHTS), never inside it; no secret is ever in it.
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace mb::platform {

// A datagram is at most this long; a longer request is refused before it is sent.
constexpr std::size_t kMaxForkRequest = 64 * 1024;
constexpr std::size_t kMaxForkStrings = 256;  // argv and env entries together

struct ForkRequest {
  std::uint64_t seq = 0;          // echoed in the reply: replies come in request order
  std::vector<std::string> argv;  // as the child's command line shows it; argv[1] "--internal"
  std::vector<std::string> env;   // the child's complete environment
};

struct ForkReply {
  std::uint64_t seq = 0;
  pid_t pid = -1;  // the child, a child of the broker itself; -1 on failure
  int error = 0;   // errno of the failure
};

// An error when a string holds a NUL, there are too many, or the whole is too long.
util::Result<std::string> encode(const ForkRequest& r);
util::Result<ForkRequest> decode_fork_request(std::string_view bytes);
std::string encode(const ForkReply& r);
util::Result<ForkReply> decode_fork_reply(std::string_view bytes);

}  // namespace mb::platform
