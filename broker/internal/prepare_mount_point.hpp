#pragma once
// `mount-broker --internal prepare-mount-point PATH`: the last look at a mount point before
// its helper runs, in a child because every call here can block on a hung file system.
#include <string>

namespace mb::broker::internal {

// Exit statuses the mount effect maps to error classes.
inline constexpr int kPrepareUnsafe = 10;    // security refusal (symlink, user-writable parent)
inline constexpr int kPrepareConfig = 11;    // missing, or not a directory
inline constexpr int kPrepareOccupied = 12;  // not empty, or something is mounted there
inline constexpr int kPrepareMissing = 13;   // missing: a config problem mkdir fixes

// Walks PATH from "/" one component at a time without following symlinks, judges what it saw
// (core::mount_table::judge_path), makes the mount point root's and not writable (so nothing lands
// in it while its share is away), and refuses a non-empty one (a mount would hide its files).
// Prints what it changed on stdout, a refusal on stderr. Exit 0 when the helper may mount.
int prepare_mount_point(const std::string& path);

// `secure-mount-point PATH`, after an unmount: the same walk and the same change of owner and
// mode, so a mount point that an older broker or a person left writable takes no writes
// while its share is away; refuses nothing else (files there are reported at the next mount).
int secure_mount_point(const std::string& path);

}  // namespace mb::broker::internal
