#include "platform/peer_credentials.hpp"

#include <sys/socket.h>

#include <cerrno>

#include "util/errno_text.hpp"

namespace mb::platform {

util::Result<PeerCredentials> peer_credentials(int fd) {
  struct ucred cred {};
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0)
    return util::error(util::errno_text("SO_PEERCRED", errno));
  PeerCredentials out;
  out.uid = cred.uid;
  out.gid = cred.gid;
  out.pid = cred.pid;
  // SO_PEERGROUPS (Linux 4.13+) reports the supplementary groups the peer had at connect().
  std::vector<gid_t> groups(64);
  for (int attempt = 0; attempt < 4; ++attempt) {
    len = static_cast<socklen_t>(groups.size() * sizeof(gid_t));
    if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups.data(), &len) == 0) {
      groups.resize(len / sizeof(gid_t));
      out.groups = std::move(groups);
      return out;
    }
    if (errno != ERANGE) break;
    groups.resize(len / sizeof(gid_t) + 1);
  }
  // Without the list, only the primary group counts; that errs on the side of refusing.
  return out;
}

}  // namespace mb::platform
