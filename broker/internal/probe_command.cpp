// `mount-broker --internal probe PATH [PROBE_PATH]`: the syscalls that can block for minutes on
// a dead share, in a child the broker can kill or abandon. The checks go from what any cache
// can answer to what only the server can: stat the root and its parent, list a few entries,
// then read the first bytes of a file (probe_path, else a regular file found near the root).
// rclone with its default flags answers stat, readdir and lookups of missing names from its
// directory cache for 5 minutes after the server went away; file bytes it always fetches.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "broker/internal/internal_commands.hpp"
#include "core/probe/probe_report.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::internal {
namespace {

constexpr int kMaxEntries = 32;  // per directory: enough to find a file, cheap on huge ones
constexpr int kMaxSubdirs = 4;   // looked into when the root holds no file to read
constexpr std::size_t kReadBytes = 64;

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

bool is_dot(const char* name) {
  return name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0));
}

// What one directory listing offers: a readable file, or subdirectories to look into.
struct Listing {
  int entries = 0;
  int opendir_errno = 0;
  int readdir_errno = 0;
  std::string file;               // a regular file with bytes in it, relative to the root
  std::vector<std::string> dirs;  // subdirectories, relative to the root
};

void consider(int dir_fd, const dirent* e, const std::string& prefix, Listing& out) {
  const std::string rel = prefix + e->d_name;
  if (e->d_type == DT_DIR) {
    if (out.dirs.size() < kMaxSubdirs) out.dirs.push_back(rel);
    return;
  }
  if (!out.file.empty() || (e->d_type != DT_REG && e->d_type != DT_UNKNOWN)) return;
  struct stat st {};
  // An empty file would be answered without a read request; a symlink could lead off the share.
  if (fstatat(dir_fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
      st.st_size > 0)
    out.file = rel;
}

Listing list(const std::string& root, const std::string& rel) {
  Listing out;
  const std::string path = rel.empty() ? root : root + "/" + rel;
  DIR* d = opendir(path.c_str());
  if (!d) {
    out.opendir_errno = errno;
    return out;
  }
  const std::string prefix = rel.empty() ? "" : rel + "/";
  for (int i = 0; i < kMaxEntries + 2; ++i) {
    errno = 0;
    dirent* e = readdir(d);
    if (!e) {
      out.readdir_errno = errno;
      break;
    }
    if (is_dot(e->d_name)) continue;
    ++out.entries;
    consider(dirfd(d), e, prefix, out);
  }
  closedir(d);
  return out;
}

// Opens without following a final symlink and reads the first bytes.
void read_target(const std::string& path, core::probe::ProbeReport& r) {
  util::UniqueFd fd(open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC));
  if (!fd.valid()) {
    r.open_errno = errno;
    return;
  }
  struct stat st {};
  if (fstat(fd.get(), &st) != 0) {
    r.open_errno = errno;
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    r.target_not_regular = true;
    return;
  }
  std::array<char, kReadBytes> buf{};
  ssize_t n = read(fd.get(), buf.data(), buf.size());
  if (n < 0)
    r.read_errno = errno;
  else
    r.bytes_read = n;
}

// The root's listing, and (when `look_below`) a file to read found there or one level below.
void survey(const std::string& root, bool look_below, core::probe::ProbeReport& r,
            std::string& file) {
  Listing top = list(root, "");
  r.opendir_errno = top.opendir_errno;
  r.readdir_errno = top.readdir_errno;
  r.entries = top.entries;
  if (r.opendir_errno || r.readdir_errno || !look_below) return;
  file = top.file;
  for (const auto& dir : top.dirs) {
    if (!file.empty()) break;
    Listing sub = list(root, dir);
    if (sub.opendir_errno || sub.readdir_errno) continue;  // the read below tells the truth
    file = sub.file;
  }
}

}  // namespace

int probe(const std::string& path, const std::string& probe_path) {
  auto start = std::chrono::steady_clock::now();
  core::probe::ProbeReport r;
  struct stat parent {
  }, self{};
  if (stat(parent_of(path).c_str(), &parent) == 0) r.parent_device = parent.st_dev;
  if (stat(path.c_str(), &self) != 0) {
    r.stat_errno = errno;
  } else {
    r.device = self.st_dev;
    r.root_inode = self.st_ino;
    std::string file;
    survey(path, probe_path.empty(), r, file);
    if (!probe_path.empty()) {
      r.target = core::probe::Target::configured;
      read_target(path + "/" + probe_path, r);
    } else if (!file.empty()) {
      r.target = core::probe::Target::found;
      read_target(path + "/" + file, r);
    }
  }
  r.latency_us = std::chrono::duration_cast<std::chrono::microseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
  std::cout << core::probe::format(r) << std::flush;
  return 0;
}

}  // namespace mb::broker::internal
