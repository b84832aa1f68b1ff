#include "platform/peer_credentials.hpp"

#include <sys/socket.h>
#include <sys/ucred.h>
#include <sys/un.h>

#include <cerrno>

#include "util/errno_text.hpp"

namespace mb::platform {

util::Result<PeerCredentials> peer_credentials(int fd) {
  struct xucred cred {};
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_LOCAL, LOCAL_PEERCRED, &cred, &len) != 0)
    return util::error(util::errno_text("LOCAL_PEERCRED", errno));
  // Another layout would be read as garbage ids: unknown peers are unprivileged instead.
  if (cred.cr_version != XUCRED_VERSION)
    return util::error("LOCAL_PEERCRED: unknown xucred version");
  PeerCredentials out;
  out.uid = cred.cr_uid;
  if (cred.cr_ngroups > 0) out.gid = cred.cr_groups[0];
  for (int i = 1; i < cred.cr_ngroups; ++i) out.groups.push_back(cred.cr_groups[i]);
  pid_t pid = 0;
  len = sizeof pid;
  if (getsockopt(fd, SOL_LOCAL, LOCAL_PEERPID, &pid, &len) == 0) out.pid = pid;
  return out;
}

}  // namespace mb::platform
