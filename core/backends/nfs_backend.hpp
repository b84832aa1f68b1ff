#pragma once
// NFS: mount -t nfs -o OPTIONS server:/export MOUNTPOINT, the same on Linux (mount.nfs) and
// macOS (mount_nfs).
#include <string>

#include "core/backends/invocation.hpp"
#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::backends {

// Defaults added when the options do not set them: timeo is in tenths of a second, so a soft
// mount gives up after about 5 s x (1 + 2 retransmissions) instead of the kernel's minutes.
inline constexpr const char* kNfsDefaultTimeo = "timeo=50";
inline constexpr const char* kNfsDefaultRetrans = "retrans=2";

// Refuses credential = file or keychain: NFS takes no password (Kerberos: sec=krb5 in options).
util::Result<Invocation> nfs_invocation(const config::MountConfig& m,
                                        const std::string& mountpoint);

}  // namespace mb::core::backends
