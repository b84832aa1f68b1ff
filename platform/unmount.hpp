#pragma once
// Unmounting, the platform's way. These block in the kernel on a dead share: call them only
// from a child process (broker/internal), never from the broker itself.
#include <cstdint>
#include <string>

#include "util/result.hpp"

namespace mb::platform {

// A plain unmount; returns 0 or the errno (EBUSY when something is open on the share).
int clean_unmount(const std::string& path);

// Everything it takes to get a dead share off `path`, each step only if the previous one did
// not: abort a FUSE connection, forced unmount, lazy (detached) unmount, and finally ending the
// FUSE daemon of that mount's connection (`device`), if root owns it; never a process chosen by
// its argv or by a bare PID. Returns what it did, or why it could not.
util::Result<std::string> force_unmount(const std::string& path, const std::string& fstype,
                                        std::uint64_t device);

}  // namespace mb::platform
