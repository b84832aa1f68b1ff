#pragma once
// Where the share goes when an automounter asks for it at DIR. The broker mounts every share at
// its configured mount point, supervised there. An automounter's path is a mount trap: only
// processes of the automounter's process group may pass it while a mount is pending (the
// kernel's autofs; systemd runs mount(8) in PID 1's group for this reason), and the broker is
// never in that group. So the broker must never be asked to mount on the trap itself: the
// helper, which runs in the automounter's group, binds the broker's mount point onto it.
#include <string>
#include <vector>

#include "core/mount_table/mount_entry.hpp"

namespace mb::ctl::mount_helper {

enum class Placement {
  at_mountpoint,  // DIR is the configured mount point and no trap: the broker's mount is it
  bind_onto_dir,  // the broker mounts at its mount point; the helper binds that onto DIR
  refuse_trap,    // DIR is the configured mount point and an autofs trap: would deadlock
};

// True when DIR is an autofs mount (a direct map, systemd's x-systemd.automount) or lies
// directly in one (an indirect map's key).
bool is_autofs_trap(const std::vector<core::mount_table::MountEntry>& table,
                    const std::string& dir);

Placement place(const std::string& configured_mountpoint, const std::string& dir, bool trap);

}  // namespace mb::ctl::mount_helper
