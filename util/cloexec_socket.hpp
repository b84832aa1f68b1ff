#pragma once
// A socket that is close-on-exec from the start where the OS allows it.
#include "util/unique_fd.hpp"

namespace mb::util {

// socket(domain, type, 0), close-on-exec. Linux sets the flag atomically (SOCK_CLOEXEC);
// macOS has no such flag, so it is set right after. The gap is harmless there: children are
// spawned with POSIX_SPAWN_CLOEXEC_DEFAULT, which closes every descriptor not handed over.
// Invalid on failure, with errno set.
UniqueFd cloexec_socket(int domain, int type);

}  // namespace mb::util
