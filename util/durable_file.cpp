#include "util/durable_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::util {
namespace {

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

// O_EXCL so we never write through someone else's file or symlink. The lock guarantees no other
// broker writes this name, so an existing one is a leftover of a crashed run that had our pid.
util::Result<util::UniqueFd> create_temp(const std::string& path) {
  const int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
  util::UniqueFd fd(::open(path.c_str(), flags, 0600));
  if (!fd.valid() && errno == EEXIST && ::unlink(path.c_str()) == 0) {
    fd.reset(::open(path.c_str(), flags, 0600));
  }
  if (!fd.valid()) return util::error(util::errno_text("create " + path, errno));
  // The umask could have taken bits away; the mode must be exactly 0600.
  if (::fchmod(fd.get(), 0600) != 0) return util::error(util::errno_text("chmod " + path, errno));
  return fd;
}

// Everything up to and including the rename; the caller removes the temp file on failure.
util::Status write_and_rename(const std::string& tmp, const std::string& target,
                              std::string_view content) {
  auto fd = create_temp(tmp);
  if (!fd) return util::error(fd.error());
  if (auto st = write_all(fd->get(), content, tmp); !st) return st;
  if (::fsync(fd->get()) != 0) return util::error(util::errno_text("fsync " + tmp, errno));
  // Checked explicitly: network and some local file systems report write errors at close.
  if (::close(fd->release()) != 0) return util::error(util::errno_text("close " + tmp, errno));
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    return util::error(util::errno_text("rename " + tmp + " to " + target, errno));
  }
  return util::ok_status();
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
  std::string content;
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return util::error(util::errno_text("read " + path, errno));
    }
    content.append(buf, static_cast<size_t>(n));
  }
  return std::optional<std::string>(std::move(content));
}

util::Status replace_file(const std::string& dir, const std::string& name,
                          std::string_view content) {
  const std::string target = dir + "/" + name;
  const std::string tmp = dir + "/." + name + ".tmp-" + std::to_string(::getpid());
  if (auto st = write_and_rename(tmp, target, content); !st) {
    ::unlink(tmp.c_str());
    return util::error("saving " + target + " failed (the old file is unchanged): " + st.error());
  }
  if (auto st = fsync_directory(dir); !st) {
    return util::error("saved " + target + " but it may not survive a crash: " + st.error());
  }
  return util::ok_status();
}

util::Status fsync_directory(const std::string& dir) {
  util::UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return util::error(util::errno_text("open " + dir, errno));
  if (::fsync(fd.get()) != 0) return util::error(util::errno_text("fsync " + dir, errno));
  return util::ok_status();
}

}  // namespace mb::util
