#pragma once
// An SSH tunnel in front of a share (`tunnel = "ssh://user@gateway[:port]"`, issue 13 item 5):
// what the config value means and the ssh command that opens the tunnel. Key-based only:
// a password never appears in the value, and ssh runs with BatchMode, so it fails instead of
// asking. Not yet wired into the config loader or the mount effect (next steps).
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::backends {

struct TunnelSpec {
  std::string user;
  std::string gateway;  // host name or address, IPv6 without brackets
  int port = 22;

  bool operator==(const TunnelSpec&) const = default;
};

// "ssh://user@gateway[:port]"; an error says what is wrong with the value.
util::Result<TunnelSpec> parse_tunnel(std::string_view url);

// The port the share listens on behind the gateway: SMB 445, NFS 2049; 0 for command mounts,
// whose port only their own command knows.
int share_port(config::MountType type);

// ssh -N forwarding 127.0.0.1:local_port (loopback only: the tunnel is never offered to the
// network) to server:server_port through the gateway. ExitOnForwardFailure makes a port
// already taken an exit instead of a tunnel that forwards nothing; the keepalives make a dead
// gateway an exit within about 45 s instead of a hung connection.
std::vector<std::string> tunnel_argv(const TunnelSpec& t, int local_port, const std::string& server,
                                     int server_port);

}  // namespace mb::core::backends
