#include "platform/smb.hpp"

namespace mb::platform {

// NetFS in a child of the broker: mount_smbfs cannot take a password from a pipe.
core::backends::SmbTool smb_tool() {
  return core::backends::SmbTool::netfs;
}

}  // namespace mb::platform
