#include "util/durable_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::util {
namespace {

std::string temp_prefix(const std::string& name) {
  return "." + name + ".tmp-";
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

util::Status make_directory(const std::string& path, mode_t mode) {
  if (is_directory(path)) return util::ok_status();
  // EEXIST: created concurrently, or not a directory (the final check reports that).
  if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST) {
    return util::error(util::errno_text("mkdir " + path, errno));
  }
  return util::ok_status();
}

util::Status write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return util::error(util::errno_text("write " + path, errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return util::ok_status();
}

// O_EXCL and O_NOFOLLOW: never write through a file or symlink someone else put there. The
// name holds our pid, so one that exists is a leftover of a crashed run that had our pid.
util::Result<util::UniqueFd> create_temp(int dirfd, const std::string& tmp, mode_t mode,
                                         const std::string& shown) {
  const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
  util::UniqueFd fd(::openat(dirfd, tmp.c_str(), flags, mode));
  if (!fd.valid() && errno == EEXIST && ::unlinkat(dirfd, tmp.c_str(), 0) == 0) {
    fd.reset(::openat(dirfd, tmp.c_str(), flags, mode));
  }
  if (!fd.valid()) return util::error(util::errno_text("create " + shown, errno));
  // The umask could have taken bits away; the mode must be exactly `mode`.
  if (::fchmod(fd.get(), mode) != 0) return util::error(util::errno_text("chmod " + shown, errno));
  return fd;
}

// Everything up to and including the rename; the caller removes the temp file on failure.
util::Status write_and_rename(int dirfd, const std::string& tmp, const std::string& name,
                              const std::string& shown_dir, std::string_view content, mode_t mode) {
  const std::string shown = shown_dir + "/" + tmp;
  auto fd = create_temp(dirfd, tmp, mode, shown);
  if (!fd) return util::error(fd.error());
  if (auto st = write_all(fd->get(), content, shown); !st) return st;
  if (::fsync(fd->get()) != 0) return util::error(util::errno_text("fsync " + shown, errno));
  // Checked explicitly: network and some local file systems report write errors at close.
  if (::close(fd->release()) != 0) return util::error(util::errno_text("close " + shown, errno));
  if (::renameat(dirfd, tmp.c_str(), dirfd, name.c_str()) != 0) {
    return util::error(
        util::errno_text("rename " + shown + " to " + shown_dir + "/" + name, errno));
  }
  return util::ok_status();
}

// Whether `entry` is ".NAME.tmp-" followed by a pid (digits only) for one of `names`.
bool is_temp_of(std::string_view entry, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    const std::string prefix = temp_prefix(name);
    if (entry.size() <= prefix.size() || !entry.starts_with(prefix)) continue;
    const auto pid = entry.substr(prefix.size());
    if (std::all_of(pid.begin(), pid.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return true;
  }
  return false;
}

}  // namespace

util::Status make_directories(const std::string& path, mode_t mode) {
  for (auto slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    if (auto st = make_directory(path.substr(0, slash), 0755); !st) return st;
  }
  if (auto st = make_directory(path, mode); !st) return st;
  if (!is_directory(path)) return util::error(util::errno_text(path, ENOTDIR));
  return util::ok_status();
}

util::Result<std::optional<std::string>> read_file_if_exists(const std::string& path) {
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return std::optional<std::string>();
    return util::error(util::errno_text("open " + path, errno));
  }
  // Read straight into the string, sized from fstat (plus one byte, to see the end without
  // growing): state.json and the config cache of 1,000 mounts are half a megabyte, and
  // growing a string 8 KB at a time copied them over and over. The size is only a hint: a
  // file that grows meanwhile is read to its end all the same.
  struct stat st {};
  std::size_t room = ::fstat(fd.get(), &st) == 0 && st.st_size > 0
                         ? static_cast<std::size_t>(st.st_size) + 1
                         : 8192;
  std::string content;
  std::size_t used = 0;
  for (;;) {
    if (content.size() - used < 1) content.resize(std::max(room, content.size() * 2));
    ssize_t n = ::read(fd.get(), content.data() + used, content.size() - used);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return util::error(util::errno_text("read " + path, errno));
    }
    used += static_cast<std::size_t>(n);
  }
  content.resize(used);
  return std::optional<std::string>(std::move(content));
}

util::Status replace_file(const std::string& dir, const std::string& name,
                          std::string_view content) {
  util::UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) {
    return util::error("saving " + dir + "/" + name + " failed (the old file is unchanged): " +
                       util::errno_text("open " + dir, errno));
  }
  return replace_file_at(fd.get(), dir, name, content, 0600);
}

util::Status replace_file_at(int dirfd, const std::string& shown_dir, const std::string& name,
                             std::string_view content, mode_t mode) {
  const std::string target = shown_dir + "/" + name;
  const std::string tmp = temp_name(name, ::getpid());
  if (auto st = write_and_rename(dirfd, tmp, name, shown_dir, content, mode); !st) {
    ::unlinkat(dirfd, tmp.c_str(), 0);
    return util::error("saving " + target + " failed (the old file is unchanged): " + st.error());
  }
  if (::fsync(dirfd) != 0) {
    return util::error(util::errno_text(
        "saved " + target + " but it may not survive a crash: fsync " + shown_dir, errno));
  }
  return util::ok_status();
}

std::string temp_name(const std::string& name, pid_t pid) {
  return temp_prefix(name) + std::to_string(pid);
}

util::Result<std::vector<std::string>> remove_temp_files(const std::string& dir,
                                                         const std::vector<std::string>& names) {
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
  if (!d) return util::error(util::errno_text("opendir " + dir, errno));
  std::vector<std::string> removed;
  std::string failed;
  while (const dirent* e = ::readdir(d.get())) {
    if (!is_temp_of(e->d_name, names)) continue;
    if (::unlinkat(::dirfd(d.get()), e->d_name, 0) == 0)
      removed.emplace_back(e->d_name);
    else if (errno != ENOENT)
      failed +=
          (failed.empty() ? "" : "; ") + util::errno_text("unlink " + dir + "/" + e->d_name, errno);
  }
  if (!removed.empty()) (void)fsync_directory(dir);  // best effort: a leftover is harmless
  if (!failed.empty()) return util::error(failed);
  return removed;
}

util::Status fsync_directory(const std::string& dir) {
  util::UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return util::error(util::errno_text("open " + dir, errno));
  if (::fsync(fd.get()) != 0) return util::error(util::errno_text("fsync " + dir, errno));
  return util::ok_status();
}

}  // namespace mb::util
