#include "core/backends/ssh_tunnel.hpp"

#include <catch2/catch.hpp>

namespace be = mb::core::backends;
namespace cfg = mb::core::config;

namespace {
be::TunnelSpec ok(std::string_view url) {
  auto r = be::parse_tunnel(url);
  INFO(url << ": " << (r ? "" : r.error()));
  REQUIRE(r.ok());
  return *r;
}
be::TunnelSpec spec(std::string user, std::string gateway, int port) {
  be::TunnelSpec t;
  t.user = std::move(user);
  t.gateway = std::move(gateway);
  t.port = port;
  return t;
}
std::string error(std::string_view url) {
  auto r = be::parse_tunnel(url);
  REQUIRE_FALSE(r.ok());
  return r.error();
}
}  // namespace

TEST_CASE("ssh tunnel: user, gateway and port, IPv6 in brackets, port 22 by default") {
  CHECK(ok("ssh://alice@gw.example.org") == spec("alice", "gw.example.org", 22));
  CHECK(ok("ssh://alice@gw.example.org:2222/") == spec("alice", "gw.example.org", 2222));
  CHECK(ok("ssh://bob@[fd00::1]:22") == spec("bob", "fd00::1", 22));
  CHECK(ok("ssh://bob@[fd00::1]") == spec("bob", "fd00::1", 22));
  CHECK(ok("ssh://bob@10.0.0.1") == spec("bob", "10.0.0.1", 22));
}

TEST_CASE("ssh tunnel: a password, a missing user and option-like names are refused") {
  CHECK(error("ssh://alice:secret@gw").find("password in the value is refused") !=
        std::string::npos);
  CHECK(error("ssh://alice:secret@gw").find("secret") == std::string::npos);
  CHECK(error("ssh://gw").find("name the user") != std::string::npos);
  CHECK(error("sftp://alice@gw").find("must start with ssh://") != std::string::npos);
  CHECK(error("ssh://-oProxyCommand=x@gw").find("not a user name") != std::string::npos);
  CHECK(error("ssh://alice@-oProxyCommand=x").find("not a host") != std::string::npos);
  CHECK(error("ssh://alice@").find("gateway is missing") != std::string::npos);
  CHECK(error("ssh://alice@gw:0").find("1 to 65535") != std::string::npos);
  CHECK(error("ssh://alice@gw:22x").find("1 to 65535") != std::string::npos);
  CHECK(error("ssh://alice@fd00::1").find("not a host") != std::string::npos);
  CHECK(error("ssh://alice@[fd00::1").find("']'") != std::string::npos);
  CHECK(error("ssh://alice@gw/share").find("not a host") != std::string::npos);
}

TEST_CASE("ssh tunnel: the share's port behind the gateway by type") {
  CHECK(be::share_port(cfg::MountType::smb) == 445);
  CHECK(be::share_port(cfg::MountType::nfs) == 2049);
  CHECK(be::share_port(cfg::MountType::command) == 0);
}

TEST_CASE("ssh tunnel: ssh -N, never prompts, loopback forward, fails on a taken port") {
  auto argv = be::tunnel_argv(spec("alice", "gw", 2222), 40445, "nas.local", 445);
  CHECK(argv == std::vector<std::string>{"ssh",
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
                                         "2222",
                                         "-l",
                                         "alice",
                                         "-L",
                                         "127.0.0.1:40445:nas.local:445",
                                         "--",
                                         "gw"});
  CHECK(be::tunnel_argv(spec("a", "gw", 22), 1, "fd00::2", 445)[20] == "127.0.0.1:1:[fd00::2]:445");
}

TEST_CASE("ssh tunnel: the mount's key and known_hosts, and where the tunnel leads") {
  cfg::MountConfig m;
  m.type = cfg::MountType::smb;
  m.server = "nas.lan";
  m.tunnel = "ssh://tun@gw:2200";
  m.tunnel_identity = "/etc/mb/key";
  m.tunnel_known_hosts = "/etc/mb/known_hosts";
  auto t = be::tunnel_of(m);
  REQUIRE(t.ok());
  auto want = spec("tun", "gw", 2200);
  want.identity = "/etc/mb/key";
  want.known_hosts = "/etc/mb/known_hosts";
  CHECK(*t == want);
  auto argv = be::tunnel_argv(*t, 40000, "nas.lan", 445);
  const std::vector<std::string> tail{"-o", "IdentitiesOnly=yes",
                                      "-i", "/etc/mb/key",
                                      "-o", "UserKnownHostsFile=/etc/mb/known_hosts",
                                      "--", "gw"};
  CHECK(std::vector<std::string>(argv.end() - 8, argv.end()) == tail);
  CHECK(be::target_of(m).host == "nas.lan");
  CHECK(be::target_of(m).port == 445);
  m.tunnel_port = 4455;
  CHECK(be::target_of(m).port == 4455);
  m.tunnel = "ssh://gw";
  CHECK_FALSE(be::tunnel_of(m).ok());
}
