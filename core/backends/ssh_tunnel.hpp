#pragma once
// An SSH tunnel in front of a share (`tunnel = "ssh://user@gateway[:port]"`, issue 13 item 5):
// what the config value means and the ssh command that opens the tunnel. Key-based only:
// a password never appears in the value, and ssh runs with BatchMode, so it fails instead of
// asking. The config loader checks the value (core/config/tunnel); broker/effects/tunnel runs
// the command.
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
  std::string identity;     // the private key (-i); "" = ssh's default keys
  std::string known_hosts;  // UserKnownHostsFile; "" = ssh's own

  bool operator==(const TunnelSpec&) const = default;
};

// Where the tunnel leads: the share's host as the gateway resolves it, and its port.
struct TunnelTarget {
  std::string host;
  int port = 0;
};

// "ssh://user@gateway[:port]"; an error says what is wrong with the value.
util::Result<TunnelSpec> parse_tunnel(std::string_view url);

// The port the share listens on behind the gateway: SMB 445, NFS 2049; 0 for command mounts,
// whose port only their own command knows.
int share_port(config::MountType type);

// The tunnel of a mount with `tunnel` set: the URL with the mount's key and known_hosts.
util::Result<TunnelSpec> tunnel_of(const config::MountConfig& m);
// The far end: `server`, and tunnel_port or else the type's port.
TunnelTarget target_of(const config::MountConfig& m);

// ssh -N forwarding 127.0.0.1:local_port (loopback only: the tunnel is never offered to the
// network) to server:server_port through the gateway. ExitOnForwardFailure makes a port
// already taken an exit instead of a tunnel that forwards nothing; the keepalives make a dead
// gateway an exit within about 45 s instead of a hung connection; ConnectTimeout bounds the
// connect; StrictHostKeyChecking=yes refuses an unknown host key instead of trusting it;
// IdentitiesOnly keeps ssh to the configured key.
std::vector<std::string> tunnel_argv(const TunnelSpec& t, int local_port, const std::string& server,
                                     int server_port);

}  // namespace mb::core::backends
