#include "broker/backends/credential_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::backends {
namespace {

// mount.cifs takes at most 512 bytes; anything near this limit is not a password.
constexpr std::size_t kMaxBytes = 4096;

bool owned_by_us(uid_t uid) {
  return uid == 0 || uid == geteuid();
}

std::string create_hint(const std::string& dir, const std::string& path, const std::string& name) {
  return "create it as root: install -d -m 700 " + dir + " && (umask 077; printf '%s' " +
         "'PASSWORD' > " + path + ") (or, once it exists, run: mountctl setup " + name + ")";
}

// Whoever can write the directory can swap the file for their own.
util::Status check_directory(const std::string& dir, const std::string& hint) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return util::error("credential directory " + dir + " does not exist; " + hint);
    }
    return util::error(util::errno_text("credential directory " + dir, errno));
  }
  if (!S_ISDIR(st.st_mode)) return util::error(dir + " is not a directory");
  if (!owned_by_us(st.st_uid)) {
    return util::error("credential directory " + dir + " must be owned by root; fix: chown root " +
                       dir);
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return util::error("credential directory " + dir +
                       " must not be writable by group or others; fix: chmod 700 " + dir);
  }
  return util::ok_status();
}

util::Result<std::string> read_all(int fd, const std::string& path) {
  std::string content;
  std::array<char, 1024> buf{};
  // The stack copy of the password is wiped on the way out, whichever way that is.
  struct Wipe {
    std::array<char, 1024>& b;
    // volatile: a plain memset of a dying buffer may be optimized away (explicit_bzero is
    // not on macOS).
    ~Wipe() {
      volatile char* p = b.data();
      for (std::size_t i = 0; i < b.size(); ++i) p[i] = 0;
    }
  } wipe{buf};
  while (content.size() <= kMaxBytes) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::error(util::errno_text("read " + path, errno));
    if (n == 0) return content;
    content.append(buf.data(), static_cast<std::size_t>(n));
  }
  return util::error("credential file " + path + " is larger than " + std::to_string(kMaxBytes) +
                     " bytes; it must hold only the password");
}

}  // namespace

util::Result<std::optional<std::string>> read_credential(const std::string& dir,
                                                         const std::string& mount_name) {
  if (mount_name.empty() || mount_name == "." || mount_name == ".." ||
      mount_name.find('/') != std::string::npos) {
    return util::error("invalid mount name for a credential file: \"" + mount_name + "\"");
  }
  const std::string path = dir + "/" + mount_name;
  const std::string hint = create_hint(dir, path, mount_name);
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
  if (!owned_by_us(st.st_uid)) {
    return util::error("credential file " + path + " must be owned by root; fix: chown root " +
                       path);
  }
  if ((st.st_mode & 077) != 0) {
    return util::error("credential file " + path +
                       " must not be accessible by group or others; fix: chmod 600 " + path);
  }

  auto content = read_all(fd.get(), path);
  if (!content) return util::error(content.error());
  std::string& password = *content;
  if (password.ends_with("\r\n")) {
    password.resize(password.size() - 2);
  } else if (password.ends_with('\n')) {
    password.pop_back();
  }
  if (password.empty()) return util::error("credential file " + path + " is empty");
  if (password.find_first_of(std::string("\n\r\0", 3)) != std::string::npos) {
    return util::error("credential file " + path +
                       " holds more than one line (or a NUL byte); it must hold only the password");
  }
  return std::optional<std::string>(std::move(password));
}

}  // namespace mb::broker::backends
