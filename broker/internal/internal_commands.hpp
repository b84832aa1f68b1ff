#pragma once
// Work the broker hands to a child of its own binary (`mount-broker --internal CMD ...`), because
// the syscalls involved can block for minutes on a dead share: a child can be killed or
// abandoned, a thread stuck in the kernel would keep the broker from exiting.
#include <string>
#include <vector>

namespace mb::broker::internal {

// probe PATH [PROBE_PATH]: stat the mount point and its parent, list the root, then read the
// first bytes of PROBE_PATH (relative to PATH), else of a regular file found near the root;
// prints one ProbeReport line. Exit 0 whenever it could report. (probe_command.cpp)
int probe(const std::string& path, const std::string& probe_path);

// unmount PATH: a clean umount2(PATH, 0). Exit 0 ok, 16 busy (EBUSY), 1 other (message on stderr).
int unmount(const std::string& path);

// force-unmount PATH FSTYPE DEVICE: for FUSE, abort the connection through fusectl (mounting
// fusectl when absent); then umount2(MNT_FORCE), then umount2(MNT_DETACH); for FUSE, end a
// daemon that still serves the path. Exit 0 when the path is no longer a mount point.
int force_unmount(const std::string& path, const std::string& fstype, unsigned long long device);

// netfs-mount --url smb://... --mountpoint PATH ... (netfs_mount.cpp): macOS SMB through
// NetFSMountURLSync, the password on descriptor 3. Exit status: core::backends::netfs_exit_code.
int netfs_mount(const std::vector<std::string>& args);

// Dispatches argv after "--internal"; returns the exit status.
int run(const std::vector<std::string>& args);

}  // namespace mb::broker::internal
