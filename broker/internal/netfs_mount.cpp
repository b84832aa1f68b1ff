// `mount-broker --internal netfs-mount ...`: the child that mounts SMB on macOS. It reads the
// password from the secret pipe, becomes local_user when there is one (smbfs binds the session
// and the mount to the user that mounts it), makes the one blocking call, and reports the
// result's class through its exit status (core::backends::netfs_exit_code); the broker's child
// runner kills it at mount_timeout_sec.
#include "core/backends/netfs_mount.hpp"

#include <grp.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "broker/internal/internal_commands.hpp"
#include "core/backends/netfs_status.hpp"
#include "platform/netfs.hpp"
#include "util/errno_text.hpp"
#include "util/wipe.hpp"

namespace mb::broker::internal {
namespace {

using core::supervisor::ErrorClass;

int fail(ErrorClass cls, const std::string& message) {
  std::fprintf(stderr, "netfs-mount: %s\n", message.c_str());
  return core::backends::netfs_exit_code(cls);
}

// Everything the broker wrote, then EOF (it closes its end after writing).
util::Result<std::string> read_secret(int fd) {
  std::string secret;
  char buf[256];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::error(util::errno_text("reading the password", errno));
    if (n == 0) break;
    secret.append(buf, static_cast<std::size_t>(n));
  }
  util::wipe(buf, sizeof buf);
  ::close(fd);
  return secret;
}

// Groups first, then the gid, then the uid: after setuid nothing else may be changed.
util::Status become(const core::backends::NetfsRequest& r) {
  const auto uid = static_cast<uid_t>(r.local_uid);
  const auto gid = static_cast<gid_t>(r.local_gid);
  if (::initgroups(r.local_user.c_str(), static_cast<int>(gid)) != 0)
    return util::error(util::errno_text("initgroups " + r.local_user, errno));
  if (::setgid(gid) != 0) return util::error(util::errno_text("setgid", errno));
  if (::setuid(uid) != 0) return util::error(util::errno_text("setuid", errno));
  if (::setuid(0) == 0) return util::error("still able to become root after setuid");
  return util::ok_status();
}

}  // namespace

int netfs_mount(const std::vector<std::string>& args) {
  auto r = core::backends::parse_netfs_args(args);
  if (!r) return fail(ErrorClass::config, r.error());
  std::string password;
  if (r->password) {
    auto secret = read_secret(core::backends::kNetfsPasswordFd);
    if (!secret) return fail(ErrorClass::unknown, secret.error());
    password = std::move(*secret);
  }
  if (!r->local_user.empty()) {
    if (auto st = become(*r); !st) {
      util::wipe(password);
      return fail(ErrorClass::config, "mounting as " + r->local_user + ": " + st.error());
    }
  }
  std::string detail;
  const int status = platform::netfs_mount(*r, password, detail);
  util::wipe(password);
  const ErrorClass cls = core::backends::classify_netfs_status(status);
  if (cls == ErrorClass::none) return 0;
  return fail(cls, "NetFSMountURLSync " + r->url + " on " + r->mountpoint + ": " +
                       core::backends::describe_netfs_status(status) + detail);
}

}  // namespace mb::broker::internal
