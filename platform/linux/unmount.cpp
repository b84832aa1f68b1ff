#include "platform/unmount.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "platform/linux/fuse_daemon.hpp"
#include "platform/mount_table.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform {
namespace {

constexpr const char* kFuseConnections = "/sys/fs/fuse/connections";
constexpr int kDaemonGraceMs = 300;  // between SIGTERM and SIGKILL, waited on the pidfd

bool is_fuse(const std::string& fstype) {
  return fstype == "fuse" || fstype.rfind("fuse.", 0) == 0 || fstype == "fuseblk";
}

bool still_mounted(const std::string& path) {
  auto table = platform::make_system_mount_table()->read();
  if (!table) return true;  // cannot tell: assume the worst
  for (const auto& e : *table)
    if (e.mount_point == path) return true;
  return false;
}

bool fusectl_mounted() {
  auto table = platform::make_system_mount_table()->read();
  if (!table) return false;
  for (const auto& e : *table)
    if (e.mount_point == kFuseConnections) return true;
  return false;
}

// Writing to connections/N/abort fails every pending and future request of that FUSE
// connection: processes blocked on the share (state D) get ENOTCONN and wake up.
std::string abort_fuse_connection(std::uint64_t device) {
  if (!fusectl_mounted() && mount("fusectl", kFuseConnections, "fusectl", 0, nullptr) != 0)
    return util::errno_text("mount fusectl", errno) + "; ";
  std::string abort_path = std::string(kFuseConnections) + "/" +
                           std::to_string(minor(static_cast<dev_t>(device))) + "/abort";
  util::UniqueFd fd(open(abort_path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid()) return util::errno_text("open " + abort_path, errno) + "; ";
  if (write(fd.get(), "1", 1) != 1) return util::errno_text("write " + abort_path, errno) + "; ";
  return "aborted FUSE connection " + std::to_string(minor(static_cast<dev_t>(device))) + "; ";
}

}  // namespace

int clean_unmount(const std::string& path) {
  return umount2(path.c_str(), UMOUNT_NOFOLLOW) == 0 ? 0 : errno;
}

util::Result<std::string> force_unmount(const std::string& path, const std::string& fstype,
                                        std::uint64_t device) {
  std::string done;
  const bool fuse = is_fuse(fstype);
  if (fuse && device != 0) done += abort_fuse_connection(device);
  if (umount2(path.c_str(), MNT_FORCE | UMOUNT_NOFOLLOW) == 0) {
    done += "forced unmount; ";
  } else {
    int forced_errno = errno;
    if (umount2(path.c_str(), MNT_DETACH | UMOUNT_NOFOLLOW) == 0)
      done += "lazy unmount (forced: " + std::string(std::strerror(forced_errno)) + "); ";
    else if (errno != EINVAL)  // EINVAL: not a mount point (any more)
      done += util::errno_text("lazy unmount", errno) + "; ";
  }
  // Only the daemon of this mount's connection, owned by root; never found by its argv.
  if (fuse && device != 0)
    done += end_fuse_daemons({minor(static_cast<dev_t>(device)), path}, kDaemonGraceMs);
  if (still_mounted(path)) return util::error(done + "still mounted at " + path);
  if (done.empty()) return std::string("not mounted");
  return done.substr(0, done.size() - 2);  // each step ends in "; ": the last one needs none
}

}  // namespace mb::platform
