#include "broker/platform/smb.hpp"

#include "broker/backends/netfs_mount.hpp"

namespace mb::broker::platform {

// NetFS in a child of the broker: mount_smbfs cannot take a password from a pipe.
util::Result<backends::Invocation> smb_invocation(const backends::SmbMount& mount) {
  return backends::netfs_invocation(mount);
}

}  // namespace mb::broker::platform
