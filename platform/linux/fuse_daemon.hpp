#pragma once
// Finding and ending the FUSE daemon of one mount (Linux). A daemon is the process that holds a
// /dev/fuse descriptor of that mount's connection: /proc/PID/fdinfo/N of the descriptor says
// "fuse_connection: N", and N is the minor of the mount's device (what /sys/fs/fuse/connections
// names). Only processes owned by root are ended (the broker's helpers run as root), and each
// through a pidfd, so a PID reused meanwhile is never signalled.
//
// Kernels before the fdinfo line (6.16) name no connection. There, and only there, a root
// process with /dev/fuse open that names the mount point as an argument is taken for the
// daemon: still never a process of another user, and never by a bare PID.
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mb::platform {

// The connection number in the text of /proc/PID/fdinfo/N, if it has one.
std::optional<unsigned> parse_fuse_connection(std::string_view fdinfo);

// Which processes serve one mount.
struct FuseMount {
  unsigned connection = 0;  // the minor of the mount's device
  std::string path;         // the mount point, for kernels that name no connection
};

// Processes owned by root (real and effective uid 0) serving `m`, by the rule above. The
// caller's own process is never listed.
std::vector<pid_t> fuse_daemons_of(const FuseMount& m);

// Ends those processes: SIGTERM and SIGCONT through a pidfd (after checking again, through
// the pidfd, that it still serves `m`), a wait for its exit on the pidfd of at most
// `grace_ms`, then SIGKILL through the same pidfd. Returns what it did, e.g. "ended FUSE
// daemon 123; ", or "" if there was none.
std::string end_fuse_daemons(const FuseMount& m, int grace_ms);

}  // namespace mb::platform
