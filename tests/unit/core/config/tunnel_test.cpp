#include "core/config/tunnel.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "core/config/mounts.hpp"

namespace cfg = mb::core::config;

namespace {

struct TunnelRead {
  std::vector<cfg::MountConfig> mounts;
  std::string errors;
};

TunnelRead read_tunnel(const std::string& text) {
  toml::table doc = toml::parse(text);
  cfg::Diagnostics diag("config.toml");
  TunnelRead out{cfg::read_mounts(*doc["mount"].as_array(), {}, {}, diag), ""};
  out.errors = diag.text();
  return out;
}

const std::string kSmb = R"([[mount]]
name = "nas"
type = "smb"
server = "nas.lan"
share = "photos"
mountpoint = "/mnt/nas"
)";

const std::string kCommand = R"([[mount]]
name = "fuse"
type = "command"
server = "127.0.0.1"
mountpoint = "/mnt/fuse"
)";

}  // namespace

TEST_CASE("tunnel config: an smb mount through a gateway with its key and known_hosts") {
  auto r = read_tunnel(kSmb + R"(tunnel = "ssh://tun@gw.example:2222"
tunnel_identity = "/etc/mount-broker/tunnel_key"
tunnel_known_hosts = "/etc/mount-broker/known_hosts"
)");
  INFO(r.errors);
  REQUIRE(r.errors.empty());
  const auto& m = r.mounts.at(0);
  CHECK(m.tunnel == "ssh://tun@gw.example:2222");
  CHECK(m.tunnel_identity == "/etc/mount-broker/tunnel_key");
  CHECK(m.tunnel_known_hosts == "/etc/mount-broker/known_hosts");
  CHECK(m.tunnel_port == 0);
  CHECK(m.source == "//nas.lan/photos");  // the share keeps its name; only the route changes
}

TEST_CASE("tunnel config: a command mount needs {port}, tunnel_port and server") {
  auto ok = read_tunnel(
      kCommand +
      R"(command = ["rclone", "mount", "r:", "{mountpoint}", "--smb-host", "{server}", "--smb-port", "{port}"]
tunnel = "ssh://tun@gw"
tunnel_identity = "/k"
tunnel_port = 4455
)");
  INFO(ok.errors);
  CHECK(ok.errors.empty());
  CHECK(ok.mounts.at(0).tunnel_port == 4455);

  auto no_port = read_tunnel(kCommand + R"(command = ["rclone", "mount", "r:", "{mountpoint}"]
tunnel = "ssh://tun@gw"
tunnel_identity = "/k"
)");
  CHECK(no_port.errors.find("put {port} in command") != std::string::npos);
  CHECK(no_port.errors.find("tunnel_port: missing") != std::string::npos);
}

TEST_CASE("tunnel config: refused values say why and never echo a password") {
  auto bad = read_tunnel(kSmb + R"(tunnel = "ssh://tun:hunter2@gw"
tunnel_identity = "/k"
)");
  CHECK(bad.errors.find("key-based only") != std::string::npos);
  CHECK(bad.errors.find("hunter2") == std::string::npos);

  auto no_key = read_tunnel(kSmb + "tunnel = \"ssh://tun@gw\"\n");
  CHECK(no_key.errors.find("tunnel_identity: missing") != std::string::npos);

  auto relative = read_tunnel(kSmb + "tunnel = \"ssh://tun@gw\"\ntunnel_identity = \"key\"\n");
  CHECK(relative.errors.find("absolute path") != std::string::npos);

  auto blank = read_tunnel(kSmb + "tunnel = \"ssh://tun@gw\"\ntunnel_identity = \"/a b\"\n");
  CHECK(blank.errors.find("without blanks") != std::string::npos);

  auto stray = read_tunnel(kSmb + "tunnel_identity = \"/k\"\n");
  CHECK(stray.errors.find("only allowed with tunnel") != std::string::npos);

  auto port_alone = read_tunnel(kCommand + R"(command = ["x", "{mountpoint}", "{port}"]
)");
  CHECK(port_alone.errors.find("{port} is the tunnel's loopback port") != std::string::npos);

  auto nfs = read_tunnel(R"([[mount]]
name = "n"
type = "nfs"
server = "s"
share = "/e"
mountpoint = "/mnt/n"
options = ["soft"]
tunnel = "ssh://tun@gw"
tunnel_identity = "/k"
)");
  CHECK(nfs.errors.find("nfs mounts cannot be tunnelled") != std::string::npos);
}
