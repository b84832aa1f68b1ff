#include "broker/internal/prepare_mount_point.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <vector>

#include "core/mount_table/mount_point_policy.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::internal {
namespace {

using core::mount_table::PathStep;
using core::mount_table::PathVerdict;

struct Walk {
  std::vector<PathStep> steps;
  util::UniqueFd fd;         // the last directory reached: the mount point when ok
  struct stat parent_st {};  // of the mount point's parent, to tell whether it is mounted on
  struct stat st {};         // of `fd`
};

PathStep step_of(const std::string& path, const struct stat& st) {
  PathStep s;
  s.path = path;
  s.is_symlink = S_ISLNK(st.st_mode);
  s.is_directory = S_ISDIR(st.st_mode);
  s.uid = st.st_uid;
  s.gid = st.st_gid;
  s.mode = st.st_mode & 07777;
  return s;
}

std::vector<std::string> components(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start < path.size()) {
    std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Descends with openat(O_NOFOLLOW) from an open directory, so no level is looked up twice by
// name: what was judged is what is held. Returns an error text for a failing system call.
std::optional<std::string> walk(const std::string& path, Walk& w) {
  w.fd.reset(::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!w.fd.valid() || ::fstat(w.fd.get(), &w.st) != 0) return util::errno_text("open /", errno);
  w.steps.push_back(step_of("/", w.st));
  std::string so_far;
  for (const std::string& name : components(path)) {
    so_far += "/" + name;
    struct stat st {};
    if (::fstatat(w.fd.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT) return util::errno_text("stat " + so_far, errno);
      w.steps.push_back({so_far, false});
      return std::nullopt;
    }
    w.steps.push_back(step_of(so_far, st));
    if (!S_ISDIR(st.st_mode)) return std::nullopt;
    util::UniqueFd next(
        ::openat(w.fd.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    struct stat held {};
    if (!next.valid() || ::fstat(next.get(), &held) != 0)
      return util::errno_text("open " + so_far, errno);
    // Replaced between the look and the open: judge nothing we do not hold.
    if (held.st_dev != st.st_dev || held.st_ino != st.st_ino)
      return "security: " + so_far + " changed while it was being checked; try again";
    w.parent_st = w.st;
    w.st = held;
    w.fd = std::move(next);
  }
  return std::nullopt;
}

int refuse(int status, const std::string& message) {
  std::cerr << message << "\n";
  return status;
}

// Root's and without write bits, so no program writes into it while its share is away (the
// share's own root hides this directory while mounted). fchown/fchmod act on the directory we
// hold, even if something were mounted on its path meanwhile.
void make_read_only(const std::string& path, const Walk& w) {
  const mode_t mode = w.st.st_mode & 07777, wanted = mode & 0555;
  if (w.st.st_uid != 0 || w.st.st_gid != 0) {
    if (::fchown(w.fd.get(), 0, 0) == 0)
      std::cout << path << ": owner " << w.st.st_uid << ":" << w.st.st_gid
                << " -> root (a mount point takes no writes while its share is away)\n";
  }
  if (mode != wanted && ::fchmod(w.fd.get(), wanted) == 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, ": mode %04o -> %04o", unsigned(mode), unsigned(wanted));
    std::cout << path << buf << " (a mount point takes no writes while its share is away)\n";
  }
}

// Names of the first few entries, and how many there are.
std::pair<std::vector<std::string>, std::size_t> entries(const Walk& w) {
  std::pair<std::vector<std::string>, std::size_t> out;
  int copy = ::dup(w.fd.get());
  DIR* d = copy >= 0 ? ::fdopendir(copy) : nullptr;
  if (!d) {
    if (copy >= 0) ::close(copy);
    return out;
  }
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    if (out.first.size() < 5) out.first.push_back(n);
    ++out.second;
  }
  ::closedir(d);
  return out;
}

std::string not_empty_message(const std::string& path, const std::vector<std::string>& names,
                              std::size_t count) {
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + path + "/" + n;
  if (count > names.size()) list += " and " + std::to_string(count - names.size()) + " more";
  return "mount point " + path + " is not empty (" + list +
         "); a mount would hide these files, so it is refused: move them away (the next sweep " +
         "mounts once the directory is empty)";
}

// The walk and its verdict; on success `w` holds the mount point, not mounted on.
int walk_and_judge(const std::string& path, Walk& w) {
  if (auto bad = core::mount_table::path_spelling_problem(path))
    return refuse(kPrepareConfig, *bad);
  if (auto err = walk(path, w))
    return refuse(err->rfind("security:", 0) == 0 ? kPrepareUnsafe : 1, *err);
  PathVerdict v = core::mount_table::judge_path(path, w.steps);
  switch (v.kind) {
    case PathVerdict::Kind::ok:
      break;
    case PathVerdict::Kind::unsafe:
      return refuse(kPrepareUnsafe, v.message);
    case PathVerdict::Kind::missing:
      return refuse(kPrepareMissing, v.message);
    case PathVerdict::Kind::not_directory:
      return refuse(kPrepareConfig, v.message);
  }
  // A different device than its parent: something is mounted there (the broker's look at the
  // mount table a moment ago saw nothing). Never touch or mount on top of it.
  if (w.st.st_dev != w.parent_st.st_dev)
    return refuse(kPrepareOccupied,
                  "something is mounted at " + path + "; not mounting on top of it");
  return 0;
}

}  // namespace

int prepare_mount_point(const std::string& path) {
  Walk w;
  if (int rc = walk_and_judge(path, w); rc != 0) return rc;
  make_read_only(path, w);
  auto [names, count] = entries(w);
  if (count > 0) return refuse(kPrepareOccupied, not_empty_message(path, names, count));
  return 0;
}

int secure_mount_point(const std::string& path) {
  Walk w;
  if (int rc = walk_and_judge(path, w); rc != 0) return rc;
  make_read_only(path, w);
  return 0;
}

}  // namespace mb::broker::internal
