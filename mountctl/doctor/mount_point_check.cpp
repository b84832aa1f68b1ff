#include "mountctl/doctor/mount_point_check.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/reconcile/reconcile.hpp"
#include "mountctl/doctor/shell_quote.hpp"
#include "platform/mount_table.hpp"
#include "platform/resolve_mountpoint.hpp"
#include "util/errno_text.hpp"

namespace mb::ctl::doctor {
namespace {

using core::config::MountConfig;
using core::mount_table::MountEntry;
constexpr const char* kMountPointCheck = "mountpoint";

std::string describe(const MountEntry& e) {
  return "\"" + e.source + "\" (" + e.fstype + ")";
}

// What the broker expects there: the configured source, else what it recorded when it mounted.
std::string expected_source(const MountConfig& m, const std::string& resolved,
                            const proto::MountStatus* view) {
  if (!m.source.empty()) return m.source;
  if (view && view->mountpoint == resolved) return view->source;
  return "";
}

Finding judge_mounted(const MountConfig& m, const MountPointFacts& f, const MountEntry& e,
                      const proto::MountStatus* view) {
  const std::string& p = m.mountpoint;
  const std::string expected = expected_source(m, f.resolved, view);
  const bool conflict = view && view->finding == "conflict";
  if (!expected.empty() && !conflict &&
      core::reconcile::normalize_source(m.type, e.source) ==
          core::reconcile::normalize_source(m.type, expected)) {
    return {kMountPointCheck, m.name, Status::ok, p + ": our mount, " + describe(e), ""};
  }
  if (expected.empty() && !conflict) {
    return {kMountPointCheck, m.name, Status::warn,
            p + ": " + describe(e) +
                " is mounted there, and this command mount names no source, so doctor cannot "
                "tell whether it is ours; if it is, add source = \"" +
                e.source + "\" to the mount in the config",
            "umount " + shell_quote(p)};
  }
  std::string msg = p + ": someone else's mount is there, " + describe(e);
  if (!expected.empty()) msg += ", not \"" + expected + "\"";
  msg += "; the broker will not mount over it";
  return {kMountPointCheck, m.name, Status::problem, msg, "umount " + shell_quote(p)};
}

}  // namespace

Finding judge_mount_point(const MountConfig& m, const MountPointFacts& f,
                          const proto::MountStatus* view, bool not_root,
                          const std::string& sudo_doctor) {
  if (f.mounted) return judge_mounted(m, f, *f.mounted, view);
  const std::string& p = m.mountpoint;
  const std::string q = shell_quote(p);
  using Kind = MountPointFacts::Kind;
  switch (f.kind) {
    case Kind::missing:
      return {kMountPointCheck, m.name, Status::problem, p + " does not exist", "mkdir -p " + q};
    case Kind::symlink:
      return {kMountPointCheck, m.name, Status::problem,
              p + " is a symbolic link; the broker mounts only on a directory",
              "rm " + q + " && mkdir " + q};
    case Kind::not_a_directory:
      return {kMountPointCheck, m.name, Status::problem, p + " is not a directory",
              "mv " + q + " " + shell_quote(p + ".moved") + " && mkdir " + q};
    case Kind::unreadable:
      if (not_root)
        return {kMountPointCheck, m.name, Status::skipped,
                p + ": not checked: " + f.error + " (not root)", sudo_doctor};
      return {kMountPointCheck, m.name, Status::problem, p + ": " + f.error, "ls -ld " + q};
    case Kind::directory:
      break;
  }
  if (f.entries > 0) {
    return {kMountPointCheck, m.name, Status::warn,
            p + " is not empty (" + std::to_string(f.entries) +
                (f.entries == 1 ? " entry" : " entries") +
                "): hidden while the share is mounted; perhaps written while it was not",
            "mv " + q + " " + shell_quote(p + ".old") + " && mkdir " + q};
  }
  return {kMountPointCheck, m.name, Status::ok, p + " exists and is empty", ""};
}

namespace {

const MountEntry* topmost_at(const std::vector<MountEntry>& table, const std::string& path) {
  auto it = std::find_if(table.rbegin(), table.rend(),
                         [&](const MountEntry& e) { return e.mount_point == path; });
  return it == table.rend() ? nullptr : &*it;
}

// Only for a path that is not a mount point, so lstat and readdir cannot block on a share.
void look_at_directory(const std::string& path, MountPointFacts& f) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    f.kind = errno == ENOENT ? MountPointFacts::Kind::missing : MountPointFacts::Kind::unreadable;
    f.error = util::errno_text("lstat", errno);
    return;
  }
  if (S_ISLNK(st.st_mode)) {
    f.kind = MountPointFacts::Kind::symlink;
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    f.kind = MountPointFacts::Kind::not_a_directory;
    return;
  }
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(path.c_str()), &::closedir);
  if (!dir) {
    f.kind = MountPointFacts::Kind::unreadable;
    f.error = util::errno_text("opendir", errno);
    return;
  }
  while (const dirent* e = ::readdir(dir.get())) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) ++f.entries;
  }
}

const proto::MountStatus* view_of(const std::optional<proto::StatusResponse>& status,
                                  const std::string& name) {
  if (!status) return nullptr;
  for (const auto& m : status->mounts)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace

Findings check_mount_points(const core::config::Config& config,
                            const std::optional<proto::StatusResponse>& broker_view,
                            const std::string& sudo_doctor) {
  Findings out;
  auto table = platform::make_system_mount_table()->read();
  if (!table) {
    out.push_back({kMountPointCheck, "", Status::skipped,
                   "mount points not checked: cannot read the mount table: " + table.error(), ""});
    return out;
  }
  const bool not_root = ::geteuid() != 0;
  for (const MountConfig& m : config.mounts) {
    MountPointFacts f;
    f.resolved = platform::resolve_mountpoint(m.mountpoint);
    if (const MountEntry* e = topmost_at(*table, f.resolved))
      f.mounted = *e;
    else
      look_at_directory(f.resolved, f);
    out.push_back(judge_mount_point(m, f, view_of(broker_view, m.name), not_root, sudo_doctor));
  }
  return out;
}

}  // namespace mb::ctl::doctor
