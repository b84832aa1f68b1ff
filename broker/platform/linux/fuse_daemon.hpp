#pragma once
// Finding and ending the FUSE daemon of one mount (Linux). A daemon is the process that holds a
// /dev/fuse descriptor of that mount's connection: /proc/PID/fdinfo/N of the descriptor says
// "fuse_connection: N", and N is the minor of the mount's device (what /sys/fs/fuse/connections
// names). Neither argv nor the path can tell: any user can put a path in its argv and open
// /dev/fuse. Only processes owned by root are ended (the broker's helpers run as root), and
// each through a pidfd, so a PID reused meanwhile is never signalled.
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mb::broker::platform {

// The connection number in the text of /proc/PID/fdinfo/N, if it has one (kernels before 6.x
// do not print it: then no daemon can be identified, and none is ended).
std::optional<unsigned> parse_fuse_connection(std::string_view fdinfo);

// Processes owned by root (real and effective uid 0) with a /dev/fuse descriptor of
// `connection` open. The caller's own process is never listed.
std::vector<pid_t> fuse_daemons_of(unsigned connection);

// Ends those processes: SIGTERM and SIGCONT through a pidfd (after checking again, through
// the pidfd, that it is still such a daemon), a wait for its exit on the pidfd of at most
// `grace_ms`, then SIGKILL through the same pidfd. Returns what it did, e.g. "ended FUSE
// daemon 123; ", or "" if there was none.
std::string end_fuse_daemons(unsigned connection, int grace_ms);

}  // namespace mb::broker::platform
