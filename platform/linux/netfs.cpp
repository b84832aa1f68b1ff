#include "platform/netfs.hpp"

#include "core/backends/netfs_status.hpp"

namespace mb::platform {

// Linux mounts SMB with mount.cifs (linux/smb.cpp); nothing asks for NetFS here.
int netfs_mount(const core::backends::NetfsRequest&, const std::string&, std::string& detail) {
  detail = "; NetFS exists only on macOS";
  return core::backends::darwin_errno::kENOTSUP;
}

}  // namespace mb::platform
