#include "platform/credential_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"
#include "util/wipe.hpp"

namespace mb::platform {

bool owned_by_root_or_self(uid_t uid) {
  return uid == 0 || uid == geteuid();
}

namespace {

// mountctl setup creates the directory and the file safely, and asks for the password without
// echo: a shell command with the password in it would leave it in the shell's history.
std::string create_hint(const std::string& name) {
  return "create it as root: mountctl setup " + name;
}

util::Status check_directory(const std::string& dir, const std::string& hint) {
  struct stat st {};
  // lstat: a symlinked directory is refused, as mountctl setup refuses to write into one.
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return util::error("credential directory " + dir + " does not exist; " + hint);
    }
    return util::error(util::errno_text("credential directory " + dir, errno));
  }
  if (auto p = credential_dir_problem(st, dir)) return util::error(*p);
  return util::ok_status();
}

// The whole file, in a buffer allocated once: room for the longest password, its "\r\n", and
// one byte more to notice a file that is too long.
util::Result<std::string> read_password_file(int fd, const std::string& path) {
  std::string content(kMaxCredentialBytes + 3, '\0');
  std::size_t used = 0;
  while (used < content.size()) {
    const ssize_t n = ::read(fd, content.data() + used, content.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      util::wipe(content);
      return util::error(util::errno_text("read " + path, err));
    }
    if (n == 0) {
      content.resize(used);  // shrinking keeps the buffer
      return content;        // moved (a local), not copied: a copy would be a second buffer
    }
    used += static_cast<std::size_t>(n);
  }
  util::wipe(content);
  return util::error("credential file " + path + " is larger than " +
                     std::to_string(kMaxCredentialBytes) +
                     " bytes; it must hold only the password");
}

}  // namespace

util::Status check_credential_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
    return util::error("invalid mount name for a credential file: \"" + name + "\"");
  }
  return util::ok_status();
}

std::optional<std::string> credential_dir_problem(const struct stat& st, const std::string& dir) {
  if (S_ISLNK(st.st_mode)) {
    return "credential directory " + dir +
           " is a symlink, which may point anywhere (or set [broker] credentials_dir to the real "
           "directory); fix: rm " +
           dir + " && install -d -m 700 " + dir;
  }
  if (!S_ISDIR(st.st_mode)) {
    return "credential directory " + dir +
           " is not a directory; move it away or set [broker] credentials_dir";
  }
  if (!owned_by_root_or_self(st.st_uid)) {
    return "credential directory " + dir + " must be owned by root; fix: chown root " + dir;
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return "credential directory " + dir +
           " must not be writable by group or others; fix: chmod 700 " + dir;
  }
  return std::nullopt;
}

util::Result<std::optional<std::string>> read_credential(const std::string& dir,
                                                         const std::string& mount_name) {
  if (auto st = check_credential_name(mount_name); !st) return util::error(st.error());
  const std::string path = dir + "/" + mount_name;
  const std::string hint = create_hint(mount_name);
  if (auto d = check_directory(dir, hint); !d) return util::error(d.error());

  // O_NOFOLLOW: a symlink could point at any file root can read. O_NONBLOCK: a FIFO must not
  // block the open; it is refused below as not a regular file.
  util::UniqueFd fd(
      ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid()) {
    const int err = errno;
    if (err == ENOENT) {
      return util::error("credential file " + path + " does not exist; " + hint);
    }
    if (err == ELOOP) {
      return util::error("credential file " + path +
                         " is a symlink; replace it with a regular file (mode 600, owner root)");
    }
    return util::error(util::errno_text("open credential file " + path, err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return util::error(util::errno_text("stat " + path, errno));
  if (!S_ISREG(st.st_mode)) {
    return util::error("credential file " + path + " is not a regular file");
  }
  if (!owned_by_root_or_self(st.st_uid)) {
    return util::error("credential file " + path + " must be owned by root; fix: chown root " +
                       path);
  }
  if ((st.st_mode & 077) != 0) {
    return util::error("credential file " + path +
                       " must not be accessible by group or others; fix: chmod 600 " + path);
  }

  auto content = read_password_file(fd.get(), path);
  if (!content) return util::error(content.error());
  std::string& password = *content;
  if (password.ends_with("\r\n")) {
    password.resize(password.size() - 2);
  } else if (password.ends_with('\n')) {
    password.pop_back();
  }
  std::string problem;
  if (password.empty()) {
    problem = "credential file " + path + " is empty";
  } else if (password.find_first_of(std::string_view("\n\r\0", 3)) != std::string::npos) {
    problem = "credential file " + path +
              " holds more than one line (or a NUL byte); it must hold only the password";
  } else if (password.size() > kMaxCredentialBytes) {
    problem = "credential file " + path + " is larger than " + std::to_string(kMaxCredentialBytes) +
              " bytes; it must hold only the password";
  }
  if (!problem.empty()) {
    util::wipe(password);
    return util::error(problem);
  }
  return std::optional<std::string>(std::move(password));
}

}  // namespace mb::platform
