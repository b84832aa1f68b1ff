#include "mountctl/mount_helper/placement.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::mount_helper;
using mb::core::mount_table::MountEntry;

namespace {
MountEntry entry(std::string at, std::string fstype) {
  MountEntry e;
  e.mount_point = std::move(at);
  e.fstype = std::move(fstype);
  return e;
}
}  // namespace

TEST_CASE("autofs trap: a direct map's mount point and an indirect map's keys are traps") {
  std::vector<MountEntry> table{entry("/", "ext4"), entry("/mnt/photos", "autofs"),
                                entry("/net", "autofs"), entry("/srv/share", "fuse.bindfs")};
  CHECK(is_autofs_trap(table, "/mnt/photos"));   // x-systemd.automount, a direct map
  CHECK(is_autofs_trap(table, "/net/photos/"));  // an indirect map's key
  CHECK_FALSE(is_autofs_trap(table, "/net/photos/sub"));
  CHECK_FALSE(is_autofs_trap(table, "/srv/share"));
  CHECK_FALSE(is_autofs_trap(table, "/mnt/other"));
}

TEST_CASE("placement: the broker mounts at its mount point, elsewhere the helper binds it") {
  CHECK(place("/srv/mb/photos", "/mnt/photos", true) == Placement::bind_onto_dir);
  CHECK(place("/srv/mb/photos", "/mnt/photos", false) == Placement::bind_onto_dir);
  CHECK(place("/mnt/photos", "/mnt/photos/", false) == Placement::at_mountpoint);
  // The broker is never in the automounter's process group: on the trap it would wait forever.
  CHECK(place("/mnt/photos", "/mnt/photos", true) == Placement::refuse_trap);
}
