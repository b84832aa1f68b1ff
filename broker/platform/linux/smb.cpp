#include "broker/platform/smb.hpp"

namespace mb::broker::platform {

util::Result<backends::Invocation> smb_invocation(const backends::SmbMount& mount) {
  return backends::mount_cifs_invocation(mount);
}

}  // namespace mb::broker::platform
