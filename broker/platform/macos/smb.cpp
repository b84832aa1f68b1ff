#include "broker/platform/smb.hpp"

namespace mb::broker::platform {

// UNTESTED: see backends::mount_smbfs_invocation.
util::Result<backends::Invocation> smb_invocation(const backends::SmbMount& mount) {
  return backends::mount_smbfs_invocation(mount);
}

}  // namespace mb::broker::platform
