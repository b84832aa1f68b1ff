#include "broker/platform/credential_file_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include "util/durable_file.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::platform {
namespace {

// The owners read_credential accepts: root, or the broker's own user.
bool owned_by_us(uid_t uid) {
  return uid == 0 || uid == geteuid();
}

// Whoever can write the directory can swap the file for their own, so the rules are the
// reader's, and a symlink is refused too: it may point anywhere.
std::optional<std::string> dir_problem(const struct stat& st, const std::string& dir) {
  if (S_ISLNK(st.st_mode)) {
    return "credential directory " + dir + " is a symlink; make it a real directory (rm " + dir +
           " && install -d -m 700 " + dir + ") or point [broker] credentials_dir at the real one";
  }
  if (!S_ISDIR(st.st_mode)) {
    return "credential directory " + dir +
           " is not a directory; move it away or set [broker] credentials_dir";
  }
  if (!owned_by_us(st.st_uid)) {
    return "credential directory " + dir + " must be owned by root; fix: chown root " + dir;
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return "credential directory " + dir +
           " must not be writable by group or others; fix: chmod 700 " + dir;
  }
  return std::nullopt;
}

util::Status check_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
    return util::error("invalid mount name for a credential file: \"" + name + "\"");
  }
  return util::ok_status();
}

util::Status check_password(std::string_view password) {
  if (password.empty()) return util::error("the password is empty");
  if (password.find_first_of(std::string_view("\n\r\0", 3)) != std::string_view::npos) {
    return util::error(
        "the password holds a line break or a NUL byte; a credential file holds one line");
  }
  if (password.size() > kMaxPasswordBytes) {
    return util::error("the password is longer than " + std::to_string(kMaxPasswordBytes) +
                       " bytes");
  }
  return util::ok_status();
}

// The directory, opened without following a symlink, checked, created 0700 if missing.
util::Result<util::UniqueFd> open_dir(const std::string& dir) {
  if (auto st = check_credential_dir(dir); !st) return util::error(st.error());
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 && errno == ENOENT) {
    if (auto made = util::make_directories(dir, 0700); !made) return util::error(made.error());
    // mkdir's mode went through the umask; the mode must be exactly 0700.
    if (::chmod(dir.c_str(), 0700) != 0) {
      return util::error(util::errno_text("chmod 700 " + dir, errno));
    }
  }
  util::UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ELOOP || errno == ENOTDIR) {
      if (auto again = check_credential_dir(dir); !again) return util::error(again.error());
    }
    return util::error(util::errno_text("open " + dir, errno));
  }
  // Checked again on the descriptor that is used: the path may have changed meanwhile.
  if (::fstat(fd.get(), &st) != 0) return util::error(util::errno_text("stat " + dir, errno));
  if (auto p = dir_problem(st, dir)) return util::error(*p);
  return fd;
}

util::Status write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::error(util::errno_text("write " + path, errno));
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return util::ok_status();
}

// O_EXCL and O_NOFOLLOW: never write through a file or symlink someone else put there. The
// name holds our pid, so one that exists is a leftover of a run that crashed.
util::Result<util::UniqueFd> create_temp(int dirfd, const std::string& tmp,
                                         const std::string& shown) {
  const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY;
  util::UniqueFd fd(::openat(dirfd, tmp.c_str(), flags, 0600));
  if (!fd.valid() && errno == EEXIST && ::unlinkat(dirfd, tmp.c_str(), 0) == 0) {
    fd.reset(::openat(dirfd, tmp.c_str(), flags, 0600));
  }
  if (!fd.valid()) return util::error(util::errno_text("create " + shown, errno));
  // The umask could have taken bits away; the mode must be exactly 0600.
  if (::fchmod(fd.get(), 0600) != 0) return util::error(util::errno_text("chmod " + shown, errno));
  return fd;
}

// Everything up to and including the rename; the caller removes the temp file on failure.
util::Status write_and_rename(int dirfd, const std::string& tmp, const std::string& name,
                              const std::string& dir, std::string_view password) {
  const std::string shown = dir + "/" + tmp;
  auto fd = create_temp(dirfd, tmp, shown);
  if (!fd) return util::error(fd.error());
  if (auto st = write_all(fd->get(), password, shown); !st) return st;
  if (::fsync(fd->get()) != 0) return util::error(util::errno_text("fsync " + shown, errno));
  if (::close(fd->release()) != 0) return util::error(util::errno_text("close " + shown, errno));
  if (::renameat(dirfd, tmp.c_str(), dirfd, name.c_str()) != 0) {
    return util::error(util::errno_text("rename " + shown + " to " + dir + "/" + name, errno));
  }
  return util::ok_status();
}

}  // namespace

util::Status check_credential_dir(const std::string& dir) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return util::ok_status();
    return util::error(util::errno_text("credential directory " + dir, errno));
  }
  if (auto p = dir_problem(st, dir)) return util::error(*p);
  return util::ok_status();
}

util::Result<std::string> write_credential_file(const std::string& dir, const std::string& name,
                                                std::string_view password) {
  if (auto st = check_name(name); !st) return util::error(st.error());
  if (auto st = check_password(password); !st) return util::error(st.error());
  auto dirfd = open_dir(dir);
  if (!dirfd) return util::error(dirfd.error());

  const std::string path = dir + "/" + name;
  const std::string tmp = "." + name + ".tmp-" + std::to_string(::getpid());
  if (auto st = write_and_rename(dirfd->get(), tmp, name, dir, password); !st) {
    ::unlinkat(dirfd->get(), tmp.c_str(), 0);
    return util::error("storing the password in " + path +
                       " failed (an old file there is unchanged): " + st.error());
  }
  if (::fsync(dirfd->get()) != 0) {
    return util::error(util::errno_text(
        "stored " + path + " but it may not survive a crash: fsync " + dir, errno));
  }
  return path;
}

}  // namespace mb::broker::platform
