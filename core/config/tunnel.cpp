#include "core/config/tunnel.hpp"

#include <algorithm>
#include <string>

#include "core/backends/ssh_tunnel.hpp"
#include "core/config/paths.hpp"

namespace mb::core::config {
namespace {

bool uses(const std::vector<std::string>& argv, std::string_view placeholder) {
  return std::any_of(argv.begin(), argv.end(), [&](const std::string& a) {
    return a.find(placeholder) != std::string::npos;
  });
}

// ssh reads -o values up to whitespace: a path with a blank would be cut, not refused.
std::optional<std::string> key_path(TableReader& r, std::string_view key) {
  auto path = r.string(key);
  if (!path) return std::nullopt;
  if (!is_absolute_path(*path) || path->find_first_of(" \t") != std::string::npos ||
      has_control_char(*path)) {
    r.error(key, "must be an absolute path without blanks, got " + quoted(*path));
    return std::nullopt;
  }
  return path;
}

void check_command(TableReader& r, const MountConfig& m) {
  if (m.type != MountType::command || m.command.empty()) return;
  // Without {port} the helper would connect to the share's own port, past the tunnel.
  if (!uses(m.command, "{port}"))
    r.error("tunnel",
            "a tunnelled command must connect to {server}:{port} (the tunnel's "
            "loopback end); put {port} in command");
  if (m.tunnel_port == 0)
    r.missing("tunnel_port",
              "the port the share listens on behind the "
              "gateway (e.g. tunnel_port = 445)");
}

}  // namespace

void read_tunnel(TableReader& r, MountConfig& m) {
  if (!r.has("tunnel")) {
    for (std::string_view key : kTunnelKeys)
      if (r.has(key)) r.error(key, "only allowed with tunnel = \"ssh://user@gateway\"");
    if (m.type == MountType::command && uses(m.command, "{port}"))
      r.error("command", "{port} is the tunnel's loopback port; it needs tunnel = \"ssh://...\"");
    return;
  }
  auto url = r.string("tunnel");
  if (!url) return;
  if (auto parsed = backends::parse_tunnel(*url); !parsed) {
    r.error("tunnel", parsed.error());  // never echoes a password given in the value
    return;
  }
  if (m.type == MountType::nfs) {
    r.error("tunnel",
            "nfs mounts cannot be tunnelled (NFS needs more than one port); use smb or "
            "a command mount");
    return;
  }
  m.tunnel = std::move(*url);
  if (auto identity = key_path(r, "tunnel_identity")) m.tunnel_identity = std::move(*identity);
  if (!r.has("tunnel_identity"))
    r.missing("tunnel_identity",
              "the private key ssh logs on to the gateway with (e.g. "
              "tunnel_identity = \"/etc/mount-broker/tunnel_ed25519\")");
  if (auto hosts = key_path(r, "tunnel_known_hosts")) m.tunnel_known_hosts = std::move(*hosts);
  if (auto port = r.integer("tunnel_port", 1, 65535)) m.tunnel_port = *port;
  if (m.type == MountType::command && !r.has("server"))
    r.missing("server", "a tunnel leads to server (as the gateway resolves it)");
  check_command(r, m);
}

}  // namespace mb::core::config
