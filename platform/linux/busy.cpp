#include "platform/busy.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "util/unique_fd.hpp"

namespace mb::platform {
namespace {

bool is_number(const char* s) {
  return *s && std::strspn(s, "0123456789") == std::strlen(s);
}

// fdinfo's mnt_id names the mount an open file lives on (Linux 3.15+); reading it does not
// touch the file.
bool fd_on_mount(const std::string& fdinfo, const std::string& needle) {
  util::UniqueFd fd(open(fdinfo.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return false;
  char buf[1024];
  ssize_t n = read(fd.get(), buf, sizeof buf - 1);
  if (n <= 0) return false;
  buf[n] = '\0';
  return std::strstr(buf, needle.c_str()) != nullptr;
}

bool link_under(const std::string& link, const std::string& mountpoint) {
  char target[4096];
  ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
  if (n <= 0) return false;
  std::string t(target, static_cast<size_t>(n));
  return t == mountpoint || t.rfind(mountpoint + "/", 0) == 0;
}

bool process_uses(const std::string& pid, const std::string& needle,
                  const std::string& mountpoint) {
  const std::string base = "/proc/" + pid;
  if (link_under(base + "/cwd", mountpoint) || link_under(base + "/root", mountpoint)) return true;
  DIR* d = opendir((base + "/fdinfo").c_str());
  if (!d) return false;
  bool used = false;
  while (dirent* e = readdir(d)) {
    if (!is_number(e->d_name)) continue;
    if (fd_on_mount(base + "/fdinfo/" + e->d_name, needle)) {
      used = true;
      break;
    }
  }
  closedir(d);
  return used;
}

}  // namespace

bool is_busy(int mount_id, const std::string& mountpoint) {
  const std::string needle = "\nmnt_id:\t" + std::to_string(mount_id) + "\n";
  const std::string self = std::to_string(getpid());
  DIR* d = opendir("/proc");
  if (!d) return true;  // cannot tell: never unmount on a guess
  bool busy = false;
  while (dirent* e = readdir(d)) {
    if (!is_number(e->d_name) || self == e->d_name) continue;
    if (process_uses(e->d_name, needle, mountpoint)) {
      busy = true;
      break;
    }
  }
  closedir(d);
  return busy;
}

}  // namespace mb::platform
