#include "core/mount_table/views.hpp"

#include <catch2/catch.hpp>

using mb::core::mount_table::MountEntry;
using mb::core::mount_table::views_of;

namespace {
MountEntry at(std::string path, std::string fstype, std::uint64_t device, std::string root = "/") {
  MountEntry e;
  e.mount_point = std::move(path);
  e.fstype = std::move(fstype);
  e.device = device;
  e.root = std::move(root);
  return e;
}
bool none(const std::string&) {
  return false;
}
}  // namespace

TEST_CASE("views: binds of a FUSE mount elsewhere, not the mount point, not configured ones") {
  std::vector<MountEntry> table{at("/", "ext4", 1),
                                at("/srv/mb/photos", "fuse", 42),
                                at("/mnt/auto/photos", "fuse", 42),
                                at("/mnt/part", "fuse", 42, "/sub"),  // a bind of a subfolder
                                at("/srv/mb/other", "fuse", 43),
                                at("/srv/mb/twin", "fuse", 42)};
  auto configured = [](const std::string& p) { return p == "/srv/mb/twin"; };
  CHECK(views_of(table, "/srv/mb/photos", configured) ==
        std::vector<std::string>{"/mnt/auto/photos"});
  CHECK(views_of(table, "/srv/mb/other", none).empty());
  CHECK(views_of(table, "/nothing/here", none).empty());
}

TEST_CASE("views: kernel SMB and NFS mounts share superblocks, so none is ever a view") {
  std::vector<MountEntry> table{at("/srv/mb/docs", "cifs", 50), at("/home/me/docs", "cifs", 50),
                                at("/srv/mb/media", "nfs4", 51), at("/mnt/media", "nfs4", 51)};
  CHECK(views_of(table, "/srv/mb/docs", none).empty());
  CHECK(views_of(table, "/srv/mb/media", none).empty());
}
