#include "mountctl/doctor/mount_point_check.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;
using mb::core::config::MountConfig;
using mb::core::config::MountType;
using mb::core::mount_table::MountEntry;
using Kind = MountPointFacts::Kind;

namespace {
MountConfig smb() {
  MountConfig m;
  m.name = "photos";
  m.type = MountType::smb;
  m.mountpoint = "/mnt/photos";
  m.source = "//nas/photos";
  return m;
}
MountConfig command() {
  MountConfig m;
  m.name = "files";
  m.type = MountType::command;
  m.mountpoint = "/mnt/files";
  return m;
}
MountPointFacts mounted(const std::string& path, const std::string& source) {
  MountPointFacts f;
  f.resolved = path;
  MountEntry e;
  e.mount_point = path;
  e.source = source;
  e.fstype = "cifs";
  f.mounted = e;
  return f;
}
MountPointFacts dir(Kind k, int entries = 0) {
  MountPointFacts f;
  f.resolved = "/mnt/photos";
  f.kind = k;
  f.entries = entries;
  f.error = "lstat: Permission denied";
  return f;
}
Finding judge(const MountConfig& m, const MountPointFacts& f,
              const mb::proto::MountStatus* view = nullptr, bool not_root = false) {
  return judge_mount_point(m, f, view, not_root, "sudo mountctl doctor");
}
}  // namespace

TEST_CASE("an empty directory is ok, missing, not a directory or a symlink is a problem") {
  CHECK(judge(smb(), dir(Kind::directory)).status == Status::ok);
  auto missing = judge(smb(), dir(Kind::missing));
  CHECK(missing.status == Status::problem);
  CHECK(missing.subject == "photos");
  CHECK(missing.message == "/mnt/photos does not exist");
  CHECK(missing.fix == "mkdir -p /mnt/photos");
  CHECK(judge(smb(), dir(Kind::not_a_directory)).status == Status::problem);
  CHECK(judge(smb(), dir(Kind::symlink)).status == Status::problem);
}

TEST_CASE("a non-empty mount point is a warning: its files are hidden under the share") {
  auto f = judge(smb(), dir(Kind::directory, 3));
  CHECK(f.status == Status::warn);
  CHECK_THAT(f.message, Catch::Contains("3 entries"));
}

TEST_CASE("an unreadable mount point is skipped for a user who is not root") {
  CHECK(judge(smb(), dir(Kind::unreadable), nullptr, true).status == Status::skipped);
  CHECK(judge(smb(), dir(Kind::unreadable), nullptr, false).status == Status::problem);
}

TEST_CASE("our mount on the mount point is ok, after normalising the source") {
  CHECK(judge(smb(), mounted("/mnt/photos", "//NAS/Photos/")).status == Status::ok);
}

TEST_CASE("someone else's mount on the mount point is a problem with umount as the fix") {
  auto f = judge(smb(), mounted("/mnt/photos", "//other/share"));
  CHECK(f.status == Status::problem);
  CHECK_THAT(f.message, Catch::Contains("someone else's mount") &&
                            Catch::Contains("\"//other/share\"") &&
                            Catch::Contains("not \"//nas/photos\""));
  CHECK(f.fix == "umount /mnt/photos");
}

TEST_CASE("a command mount without source: the broker's status tells whether it is ours") {
  auto f = mounted("/mnt/files", "/srv/files");
  CHECK(judge(command(), f).status == Status::warn);  // nobody can tell
  mb::proto::MountStatus view;
  view.name = "files";
  view.mountpoint = "/mnt/files";
  view.source = "/srv/files";
  view.finding = "ok";
  CHECK(judge(command(), f, &view).status == Status::ok);
  view.source = "/srv/elsewhere";
  CHECK(judge(command(), f, &view).status == Status::problem);
  view.source = "";
  view.finding = "conflict";
  CHECK(judge(command(), f, &view).status == Status::problem);
}
