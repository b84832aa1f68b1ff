#include "broker/platform/unmount.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "broker/mount_table/mount_table.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::platform {
namespace {

constexpr const char* kFuseConnections = "/sys/fs/fuse/connections";

bool is_fuse(const std::string& fstype) {
  return fstype == "fuse" || fstype.rfind("fuse.", 0) == 0 || fstype == "fuseblk";
}

bool still_mounted(const std::string& path) {
  auto table = mount_table::make_system_mount_table()->read();
  if (!table) return true;  // cannot tell: assume the worst
  for (const auto& e : *table)
    if (e.mount_point == path) return true;
  return false;
}

bool fusectl_mounted() {
  auto table = mount_table::make_system_mount_table()->read();
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

bool has_fuse_device_open(const std::string& pid) {
  std::string dir = "/proc/" + pid + "/fd";
  DIR* d = opendir(dir.c_str());
  if (!d) return false;
  bool found = false;
  while (dirent* e = readdir(d)) {
    char target[64];
    std::string link = dir + "/" + e->d_name;
    ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
    if (n > 0) {
      target[n] = '\0';
      if (std::strcmp(target, "/dev/fuse") == 0) {
        found = true;
        break;
      }
    }
  }
  closedir(d);
  return found;
}

bool argv_names(const std::string& pid, const std::string& path) {
  util::UniqueFd fd(open(("/proc/" + pid + "/cmdline").c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return false;
  std::string cmdline(65536, '\0');
  ssize_t n = read(fd.get(), cmdline.data(), cmdline.size());
  if (n <= 0) return false;
  cmdline.resize(static_cast<size_t>(n));
  size_t start = 0;
  while (start < cmdline.size()) {
    size_t end = cmdline.find('\0', start);
    if (end == std::string::npos) end = cmdline.size();
    if (cmdline.compare(start, end - start, path) == 0) return true;
    start = end + 1;
  }
  return false;
}

// A FUSE daemon serving `path`: has /dev/fuse open and names the path in its argv. Both, so
// that a shell merely cd'd there is never killed.
std::vector<pid_t> fuse_daemons_for(const std::string& path) {
  std::vector<pid_t> out;
  DIR* d = opendir("/proc");
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    std::string pid = e->d_name;
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (std::stoi(pid) == getpid()) continue;
    if (argv_names(pid, path) && has_fuse_device_open(pid)) out.push_back(std::stoi(pid));
  }
  closedir(d);
  return out;
}

std::string end_daemons(const std::string& path) {
  auto pids = fuse_daemons_for(path);
  if (pids.empty()) return "";
  for (pid_t p : pids) kill(p, SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  for (pid_t p : pids) kill(p, SIGKILL);  // harmless if it already exited
  std::string out = "ended FUSE daemon";
  for (pid_t p : pids) out += " " + std::to_string(p);
  return out + "; ";
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
  if (fuse) done += end_daemons(path);
  if (still_mounted(path)) return util::error(done + "still mounted at " + path);
  if (done.empty()) return std::string("not mounted");
  return done.substr(0, done.size() - 2);  // each step ends in "; ": the last one needs none
}

}  // namespace mb::broker::platform
