#pragma once
// A tunnelled mount connects to the tunnel's loopback end instead of the share's host: the
// mount's config as its helper must see it once the tunnel listens on 127.0.0.1:PORT.
#include "core/backends/invocation.hpp"
#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::backends {

// smb through mount.cifs: ip=127.0.0.1,port=PORT added to the options, so the source stays
// "//server/share" (what reconcile knows the mount by) while the connection goes through the
// tunnel. command: {server} becomes 127.0.0.1 and {port} the loopback port in the template.
// Refused: nfs (its side protocols need more than one port) and smb through NetFS (macOS
// takes no address apart from the URL); an ip=, addr= or port= of the mount's own would
// bypass the tunnel.
util::Result<config::MountConfig> through_tunnel(const config::MountConfig& m, int local_port,
                                                 SmbTool smb_tool);

}  // namespace mb::core::backends
