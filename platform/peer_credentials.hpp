#pragma once
// Who is on the other end of a unix socket, as the kernel vouches for it.
#include <sys/types.h>

#include <vector>

#include "util/result.hpp"

namespace mb::platform {

struct PeerCredentials {
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
  pid_t pid = 0;              // 0 where the platform does not tell
  std::vector<gid_t> groups;  // supplementary groups
};

// Linux: SO_PEERCRED + SO_PEERGROUPS; macOS/BSD: LOCAL_PEERCRED.
util::Result<PeerCredentials> peer_credentials(int fd);

}  // namespace mb::platform
