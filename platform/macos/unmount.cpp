// macOS unmounting. UNTESTED here (no macOS in CI). Called only from `--internal` children.
#include "platform/unmount.hpp"

#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "platform/mount_table.hpp"

extern char** environ;

namespace mb::platform {
namespace {

bool still_mounted(const std::string& path) {
  auto table = platform::make_system_mount_table()->read();
  if (!table) return true;
  for (const auto& e : *table)
    if (e.mount_point == path) return true;
  return false;
}

// diskutil talks to DiskArbitration, which also detaches shares unmount(2) cannot.
int diskutil_force(const std::string& path) {
  const char* argv[] = {"/usr/sbin/diskutil", "unmount", "force", path.c_str(), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, const_cast<char**>(argv), environ) != 0)
    return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int clean_unmount(const std::string& path) {
  return unmount(path.c_str(), 0) == 0 ? 0 : errno;
}

util::Result<std::string> force_unmount(const std::string& path, const std::string&,
                                        std::uint64_t) {
  std::string done;
  if (unmount(path.c_str(), MNT_FORCE) == 0) {
    done = "forced unmount; ";
  } else {
    done = std::string("forced unmount failed (") + std::strerror(errno) + "); ";
    if (diskutil_force(path) == 0) done += "diskutil unmount force; ";
  }
  if (still_mounted(path)) return util::error(done + "still mounted at " + path);
  return done.substr(0, done.size() - 2);  // each step ends in "; ": the last one needs none
}

}  // namespace mb::platform
