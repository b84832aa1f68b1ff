#pragma once
// The one blocking call of an SMB mount on macOS, made in the `--internal netfs-mount` child.
#include <string>

#include "core/backends/netfs_mount.hpp"

namespace mb::platform {

// NetFSMountURLSync with r's URL, mount point and flags, no UI, soft, mounted at the mount
// point itself; `password` is used when r.password. Returns NetFS's status: 0, an errno
// (positive, Darwin's numbers) or an OSStatus (negative); `detail` may explain more. Elsewhere
// than macOS: ENOTSUP.
int netfs_mount(const core::backends::NetfsRequest& r, const std::string& password,
                std::string& detail);

}  // namespace mb::platform
