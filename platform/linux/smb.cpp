#include "platform/smb.hpp"

namespace mb::platform {

core::backends::SmbTool smb_tool() {
  return core::backends::SmbTool::mount_cifs;
}

}  // namespace mb::platform
