#include "core/backends/ssh_tunnel.hpp"

#include <charconv>

namespace mb::core::backends {

namespace {

constexpr std::string_view kScheme = "ssh://";

util::Error bad(const std::string& why) {
  return util::Error{"tunnel: " + why + " (expected ssh://user@gateway[:port])"};
}

// A name ssh would read as an option, or that carries what a URL may not here.
bool unsafe(std::string_view s) {
  return s.empty() || s.front() == '-' || s.find_first_of(" \t\n/?#@") != std::string_view::npos;
}

util::Result<int> parse_port(std::string_view text) {
  int port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc{} || end != text.data() + text.size() || port < 1 || port > 65535)
    return bad("port \"" + std::string(text) + "\" is not a number from 1 to 65535");
  return port;
}

// "gateway", "gateway:port", "[v6]" or "[v6]:port".
util::Result<TunnelSpec> host_and_port(TunnelSpec t, std::string_view rest) {
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) return bad("an IPv6 address without its ']'");
    host = rest.substr(1, close - 1);
    auto after = rest.substr(close + 1);
    if (!after.empty() && after.front() != ':') return bad("text after the ']'");
    if (!after.empty()) port = after.substr(1);
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (unsafe(host) || (rest.front() != '[' && host.find(':') != std::string_view::npos))
    return bad("the gateway \"" + std::string(host) + "\" is not a host name or address");
  t.gateway = std::string(host);
  if (!port.empty()) {
    auto p = parse_port(port);
    if (!p) return util::Error{p.error()};
    t.port = *p;
  }
  return t;
}

}  // namespace

util::Result<TunnelSpec> parse_tunnel(std::string_view url) {
  if (url.substr(0, kScheme.size()) != kScheme) return bad("it must start with ssh://");
  auto rest = url.substr(kScheme.size());
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  auto at = rest.rfind('@');
  if (at == std::string_view::npos) return bad("name the user the key belongs to (user@)");
  auto user = rest.substr(0, at);
  if (user.find(':') != std::string_view::npos)
    return bad("a password in the value is refused: the tunnel is key-based only");
  if (unsafe(user)) return bad("the user \"" + std::string(user) + "\" is not a user name");
  TunnelSpec t;
  t.user = std::string(user);
  auto host = rest.substr(at + 1);
  if (host.empty()) return bad("the gateway is missing");
  return host_and_port(std::move(t), host);
}

int share_port(config::MountType type) {
  switch (type) {
    case config::MountType::smb:
      return 445;
    case config::MountType::nfs:
      return 2049;
    default:
      return 0;
  }
}

util::Result<TunnelSpec> tunnel_of(const config::MountConfig& m) {
  auto t = parse_tunnel(m.tunnel);
  if (!t) return t;
  t->identity = m.tunnel_identity;
  t->known_hosts = m.tunnel_known_hosts;
  return t;
}

TunnelTarget target_of(const config::MountConfig& m) {
  return {m.server, m.tunnel_port > 0 ? m.tunnel_port : share_port(m.type)};
}

std::vector<std::string> tunnel_argv(const TunnelSpec& t, int local_port, const std::string& server,
                                     int server_port) {
  // -L's fields are colon-separated: an IPv6 server goes in brackets.
  std::string target = server.find(':') != std::string::npos ? "[" + server + "]" : server;
  std::vector<std::string> argv{
      "ssh",
      "-N",
      "-T",
      "-o",
      "BatchMode=yes",
      "-o",
      "ExitOnForwardFailure=yes",
      "-o",
      "ServerAliveInterval=15",
      "-o",
      "ServerAliveCountMax=3",
      "-o",
      "ConnectTimeout=10",
      "-o",
      "StrictHostKeyChecking=yes",
      "-p",
      std::to_string(t.port),
      "-l",
      t.user,
      "-L",
      "127.0.0.1:" + std::to_string(local_port) + ":" + target + ":" + std::to_string(server_port)};
  if (!t.identity.empty()) argv.insert(argv.end(), {"-o", "IdentitiesOnly=yes", "-i", t.identity});
  if (!t.known_hosts.empty())
    argv.insert(argv.end(), {"-o", "UserKnownHostsFile=" + t.known_hosts});
  // The gateway last, after "--": no value can be read as an option.
  argv.insert(argv.end(), {"--", t.gateway});
  return argv;
}

}  // namespace mb::core::backends
