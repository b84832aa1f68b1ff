#pragma once
// The tunnel keys of a [[mount]]: tunnel, tunnel_identity, tunnel_known_hosts, tunnel_port
// (docs/CONFIG.md, "SSH tunnels"). Checked here so that a broker never starts an ssh that
// could prompt, bypass the tunnel or trust an unknown host.
#include <array>
#include <string_view>

#include "core/config/config.hpp"
#include "core/config/table_reader.hpp"

namespace mb::core::config {

inline constexpr std::array<std::string_view, 4> kTunnelKeys{"tunnel", "tunnel_identity",
                                                             "tunnel_known_hosts", "tunnel_port"};

// Reads the keys into `m` (whose type, server and command are read already); each problem is
// reported through `r`. The tunnel_* keys without tunnel are refused.
void read_tunnel(TableReader& r, MountConfig& m);

}  // namespace mb::core::config
