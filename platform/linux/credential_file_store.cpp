#include "platform/credential_file_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include "platform/credential_file.hpp"
#include "util/durable_file.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform {
namespace {

// The credential directory's parent and its own name: "/etc/mb/credentials" is "/etc/mb" and
// "credentials".
struct Place {
  std::string parent;
  std::string base;
};

Place place_of(std::string dir) {
  while (dir.size() > 1 && dir.ends_with('/')) dir.pop_back();
  const auto slash = dir.rfind('/');
  if (slash == std::string::npos) return {".", dir};
  return {slash == 0 ? "/" : dir.substr(0, slash), dir.substr(slash + 1)};
}

// Whoever can write the parent can rename the credential directory away and put their own in
// its place. A sticky parent owned by root (like /tmp) is fine: there only the owner of an
// entry may rename or remove it, and what someone else puts at the name first is refused (a
// symlink by O_NOFOLLOW, a directory by its owner).
std::optional<std::string> parent_problem(const struct stat& st, const Place& p,
                                          const std::string& dir) {
  if (!S_ISDIR(st.st_mode)) return p.parent + " (the parent of " + dir + ") is not a directory";
  const bool others_write = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
  const bool sticky = (st.st_mode & S_ISVTX) != 0;
  if (!owned_by_root_or_self(st.st_uid) || (others_write && !sticky)) {
    return "the parent of credential directory " + dir + ", " + p.parent +
           ", must be owned by root and writable by no one else (whoever can write it can "
           "replace " +
           dir + "); fix: chown root " + p.parent + " && chmod go-w " + p.parent;
  }
  return std::nullopt;
}

util::Status check_parent(const Place& p, const std::string& dir) {
  struct stat st {};
  if (::stat(p.parent.c_str(), &st) != 0) {
    if (errno == ENOENT) return util::ok_status();  // created by root, 0755, when storing
    return util::error(util::errno_text(p.parent, errno));
  }
  if (auto problem = parent_problem(st, p, dir)) return util::error(*problem);
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

util::Result<util::UniqueFd> open_parent(const Place& p, const std::string& dir) {
  struct stat st {};
  if (::stat(p.parent.c_str(), &st) != 0 && errno == ENOENT) {
    if (auto made = util::make_directories(p.parent, 0755); !made) {
      return util::error(made.error());
    }
  }
  util::UniqueFd fd(::open(p.parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return util::error(util::errno_text("open " + p.parent, errno));
  // Checked on the descriptor that is used: the path may have changed since check_parent.
  if (::fstat(fd.get(), &st) != 0) return util::error(util::errno_text("stat " + p.parent, errno));
  if (auto problem = parent_problem(st, p, dir)) return util::error(*problem);
  return fd;
}

// The credential directory, created 0700 in its parent if missing, opened without following
// a symlink, and checked on that descriptor: no path is resolved twice.
util::Result<util::UniqueFd> open_dir(const std::string& dir) {
  const Place p = place_of(dir);
  if (p.base.empty() || p.base == "." || p.base == "..") {
    return util::error("credential directory " + dir + " must name a directory, not " +
                       (p.base.empty() ? "/" : p.base));
  }
  auto parent = open_parent(p, dir);
  if (!parent) return util::error(parent.error());
  const int pfd = parent->get();
  bool created = ::mkdirat(pfd, p.base.c_str(), 0700) == 0;
  if (!created && errno != EEXIST) return util::error(util::errno_text("mkdir " + dir, errno));

  util::UniqueFd fd(::openat(pfd, p.base.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  struct stat st {};
  if (!fd.valid()) {
    const int err = errno;
    if (::fstatat(pfd, p.base.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
      if (auto problem = platform::credential_dir_problem(st, dir)) return util::error(*problem);
    }
    return util::error(util::errno_text("open " + dir, err));
  }
  if (::fstat(fd.get(), &st) != 0) return util::error(util::errno_text("stat " + dir, errno));
  if (auto problem = platform::credential_dir_problem(st, dir)) return util::error(*problem);
  // mkdir's mode went through the umask; one we made must be exactly 0700. One that was
  // there keeps its mode: the check above accepted it.
  if (created && ::fchmod(fd.get(), 0700) != 0) {
    return util::error(util::errno_text("chmod 700 " + dir, errno));
  }
  return fd;
}

}  // namespace

util::Status check_credential_dir(const std::string& dir) {
  const Place p = place_of(dir);
  if (auto st = check_parent(p, dir); !st) return st;
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return util::ok_status();
    return util::error(util::errno_text("credential directory " + dir, errno));
  }
  if (auto problem = platform::credential_dir_problem(st, dir)) return util::error(*problem);
  return util::ok_status();
}

util::Result<std::string> write_credential_file(const std::string& dir, const std::string& name,
                                                std::string_view password) {
  if (auto st = platform::check_credential_name(name); !st) return util::error(st.error());
  if (auto st = check_password(password); !st) return util::error(st.error());
  if (auto st = check_credential_dir(dir); !st) return util::error(st.error());
  auto dirfd = open_dir(dir);
  if (!dirfd) return util::error(dirfd.error());
  if (auto st = util::replace_file_at(dirfd->get(), dir, name, password, 0600); !st) {
    return util::error("storing the password: " + st.error());
  }
  return dir + "/" + name;
}

}  // namespace mb::platform
