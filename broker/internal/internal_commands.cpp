#include "broker/internal/internal_commands.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "broker/internal/helper_gate.hpp"
#include "broker/internal/prepare_mount_point.hpp"
#include "broker/platform/unmount.hpp"
#include "broker/probe/probe_report.hpp"

namespace mb::broker::internal {
namespace {

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

// Reads a few entries only: enough to make the filesystem answer, cheap on huge directories.
void read_some(const std::string& path, probe::ProbeReport& r) {
  DIR* d = opendir(path.c_str());
  if (!d) {
    r.opendir_errno = errno;
    return;
  }
  errno = 0;
  for (int i = 0; i < 4; ++i) {
    dirent* e = readdir(d);
    if (!e) {
      r.readdir_errno = errno;
      break;
    }
    ++r.entries;
  }
  closedir(d);
}

}  // namespace

int probe(const std::string& path) {
  auto start = std::chrono::steady_clock::now();
  probe::ProbeReport r;
  struct stat parent {
  }, self{};
  if (stat(parent_of(path).c_str(), &parent) == 0) r.parent_device = parent.st_dev;
  // stat of a FUSE root is answered from cache for a while after its daemon died; the
  // opendir/readdir that follow reach the daemon for real.
  if (stat(path.c_str(), &self) != 0)
    r.stat_errno = errno;
  else
    r.device = self.st_dev;
  if (!r.stat_errno) read_some(path, r);
  r.latency_us = std::chrono::duration_cast<std::chrono::microseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
  std::cout << probe::format(r) << std::flush;
  return 0;
}

int unmount(const std::string& path) {
  int err = platform::clean_unmount(path);
  if (err == 0) return 0;
  std::cerr << "umount " << path << ": " << std::strerror(err) << "\n";
  return err == EBUSY ? 16 : 1;
}

int force_unmount(const std::string& path, const std::string& fstype, unsigned long long device) {
  auto r = platform::force_unmount(path, fstype, device);
  if (!r) {
    std::cerr << r.error() << "\n";
    return 1;
  }
  std::cout << *r << "\n";
  return 0;
}

int run(const std::vector<std::string>& a) {
  if (!a.empty() && a[0] == "netfs-mount") return netfs_mount(a);
  if (a.size() == 2 && a[0] == "probe") return probe(a[1]);
  if (a.size() == 2 && a[0] == "unmount") return unmount(a[1]);
  if (a.size() == 2 && a[0] == "prepare-mount-point") return prepare_mount_point(a[1]);
  if (a.size() == 2 && a[0] == "secure-mount-point") return secure_mount_point(a[1]);
  if (a.size() >= 5 && a[0] == "gate" && a[3] == "--")
    return helper_gate(a[1], a[2], std::vector<std::string>(a.begin() + 4, a.end()));
  if (a.size() == 4 && a[0] == "force-unmount")
    return force_unmount(a[1], a[2], std::strtoull(a[3].c_str(), nullptr, 10));
  std::cerr << "mount-broker --internal: unknown command\n";
  return 2;
}

}  // namespace mb::broker::internal
