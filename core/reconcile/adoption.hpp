#pragma once
// Whether a mount whose source matches ours may be taken for ours (adopted by reconcile, or
// reported as already mounted by the mount effect). A source string proves nothing: any user
// who can mount on the mount point (a user-owned directory, a CIFS root owned through uid=)
// can make a FUSE mount with any fsname=. So the file-system type must be one the backend
// mounts, and a FUSE mount must be root's (the "user_id=" option its kernel driver shows).
// Pure: the caller reads the mount table.
#include <string>

#include "core/config/config.hpp"
#include "core/mount_table/mount_entry.hpp"

namespace mb::core::reconcile {

// FUSE in any of its forms: "fuse", "fuse.sshfs", "fuseblk".
bool is_fuse(const std::string& fstype);

// Why `e` is not the mount this config makes although its source matches, or "" if nothing
// says so. `recorded_fstype`: the type seen when the broker's helper mounted it ("" = unknown),
// accepted for any backend; for a `command` mount, whose helper may mount any type, it is the
// only type there is to match.
std::string refusal(config::MountType type, const std::string& recorded_fstype,
                    const mount_table::MountEntry& e);

}  // namespace mb::core::reconcile
