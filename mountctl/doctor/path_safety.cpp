#include "mountctl/doctor/path_safety.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "mountctl/doctor/shell_quote.hpp"
#include "util/errno_text.hpp"

namespace mb::ctl::doctor {
namespace {

std::string kind(const PathInfo& p) {
  return S_ISDIR(p.mode) ? "parent directory " : "";
}

void check_one(const PathInfo& p, bool first, const std::string& check, const std::string& subject,
               Findings& out) {
  const std::string what = kind(p) + p.path;
  const std::string is = first ? "" : what + " is ";
  const std::string has = first ? "" : what + " has ";
  const std::string quoted = shell_quote(p.path);
  const bool sticky_dir = S_ISDIR(p.mode) && (p.mode & S_ISVTX);
  if (p.uid != 0) {
    out.push_back({check, subject, Status::problem,
                   is + "owned by uid " + std::to_string(p.uid) +
                       ", not root: its owner can change what root mounts",
                   "chown root " + quoted});
  }
  if ((p.mode & S_IWOTH) && !sticky_dir) {
    out.push_back({check, subject, Status::problem,
                   has + "mode " + octal_mode(p.mode) + ": anyone can write it",
                   "chmod o-w " + quoted});
  }
  if ((p.mode & S_IWGRP) && !sticky_dir) {
    const bool root_group = p.gid == 0;
    out.push_back({check, subject, root_group ? Status::warn : Status::problem,
                   has + "mode " + octal_mode(p.mode) + ": group " + std::to_string(p.gid) +
                       (root_group ? " (root) can write it" : " can write it"),
                   "chmod g-w " + quoted});
  }
}

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

Findings unsafe_owners(const std::vector<PathInfo>& chain, const std::string& check,
                       const std::string& subject) {
  Findings out;
  for (std::size_t i = 0; i < chain.size(); ++i) check_one(chain[i], i == 0, check, subject, out);
  return out;
}

util::Result<std::vector<PathInfo>> ownership_chain(const std::string& path) {
  std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr), &std::free);
  if (!real) return util::error(util::errno_text("realpath " + path, errno));
  std::vector<PathInfo> chain;
  std::string p = real.get();
  while (true) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) return util::error(util::errno_text("lstat " + p, errno));
    chain.push_back({p, st.st_uid, st.st_gid, st.st_mode});
    if (p == "/") return chain;
    p = parent_of(p);
  }
}

}  // namespace mb::ctl::doctor
