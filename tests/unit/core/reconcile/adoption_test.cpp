#include "core/reconcile/adoption.hpp"

#include <catch2/catch.hpp>

namespace mb::core::reconcile {
namespace {

mount_table::MountEntry fuse_entry(const std::string& fstype, const std::string& super_options) {
  mount_table::MountEntry e;
  e.fstype = fstype;
  e.source = "src";
  e.super_options = super_options;
  return e;
}

}  // namespace

TEST_CASE("a FUSE mount is ours only if root made it") {
  using config::MountType;
  CHECK(refusal(MountType::command, "", fuse_entry("fuse", "rw,user_id=0,group_id=0")).empty());
  CHECK(refusal(MountType::command, "", fuse_entry("fuse.sshfs", "rw,user_id=1000,group_id=0")) ==
        "a FUSE mount made by uid 1000, not by root");
  CHECK(refusal(MountType::command, "", fuse_entry("fuseblk", "rw")) ==
        "a FUSE mount whose owner is not shown (no user_id=)");
  // "xuser_id=0" is another option.
  CHECK_FALSE(refusal(MountType::command, "", fuse_entry("fuse", "rw,xuser_id=0")).empty());
}

TEST_CASE("each backend's mounts have the types its helper makes") {
  using config::MountType;
  auto e = fuse_entry("cifs", "rw");
  CHECK(refusal(MountType::smb, "", e).empty());
  CHECK(refusal(MountType::nfs, "", e) == "a cifs mount, not NFS");
  e.fstype = "nfs4";
  CHECK(refusal(MountType::nfs, "", e).empty());
  CHECK(refusal(MountType::smb, "", e) == "a nfs4 mount, not SMB");
  e.fstype = "tmpfs";
  CHECK(refusal(MountType::command, "", e).empty());  // a command may mount anything
  CHECK(refusal(MountType::command, "fuse.rclone", e) ==
        "a tmpfs mount, where ours was fuse.rclone");
}

}  // namespace mb::core::reconcile
