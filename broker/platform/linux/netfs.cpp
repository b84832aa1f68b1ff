#include "broker/platform/netfs.hpp"

#include "broker/backends/netfs_status.hpp"

namespace mb::broker::platform {

// Linux mounts SMB with mount.cifs (linux/smb.cpp); nothing asks for NetFS here.
int netfs_mount(const backends::NetfsRequest&, const std::string&, std::string& detail) {
  detail = "; NetFS exists only on macOS";
  return backends::darwin_errno::kENOTSUP;
}

}  // namespace mb::broker::platform
