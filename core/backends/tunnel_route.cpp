#include "core/backends/tunnel_route.hpp"

#include <string>

#include "core/backends/mount_options.hpp"

namespace mb::core::backends {
namespace {

constexpr const char* kLoopback = "127.0.0.1";

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

util::Result<config::MountConfig> through_tunnel(const config::MountConfig& m, int local_port,
                                                 SmbTool smb_tool) {
  if (local_port < 1 || local_port > 65535) return util::error("tunnel: no local port");
  config::MountConfig out = m;
  const std::string port = std::to_string(local_port);
  switch (m.type) {
    case config::MountType::nfs:
      return util::error("tunnel: nfs mounts cannot be tunnelled; use smb or a command mount");
    case config::MountType::smb: {
      if (smb_tool == SmbTool::netfs)
        return util::error("tunnel: smb through NetFS cannot be tunnelled; use a command mount");
      auto& options = out.settings.options;
      for (const char* key : {"ip", "addr", "port"})
        if (has_key(options, key))
          return util::error(std::string("tunnel: options has ") + key +
                             "=, which would bypass the tunnel; remove it");
      options.push_back(std::string("ip=") + kLoopback);
      options.push_back("port=" + port);
      return out;
    }
    case config::MountType::command:
      for (std::string& arg : out.command) {
        replace_all(arg, "{server}", kLoopback);
        replace_all(arg, "{port}", port);
      }
      return out;
  }
  return util::error("tunnel: unknown mount type");
}

}  // namespace mb::core::backends
