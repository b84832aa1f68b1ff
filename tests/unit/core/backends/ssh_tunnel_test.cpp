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
std::string error(std::string_view url) {
  auto r = be::parse_tunnel(url);
  REQUIRE_FALSE(r.ok());
  return r.error();
}
}  // namespace

TEST_CASE("ssh tunnel: user, gateway and port, IPv6 in brackets, port 22 by default") {
  CHECK(ok("ssh://alice@gw.example.org") == be::TunnelSpec{"alice", "gw.example.org", 22});
  CHECK(ok("ssh://alice@gw.example.org:2222/") == be::TunnelSpec{"alice", "gw.example.org", 2222});
  CHECK(ok("ssh://bob@[fd00::1]:22") == be::TunnelSpec{"bob", "fd00::1", 22});
  CHECK(ok("ssh://bob@[fd00::1]") == be::TunnelSpec{"bob", "fd00::1", 22});
  CHECK(ok("ssh://bob@10.0.0.1") == be::TunnelSpec{"bob", "10.0.0.1", 22});
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

TEST_CASE("ssh tunnel: ssh -N, key-based only, loopback forward, fails on a taken port") {
  auto argv = be::tunnel_argv({"alice", "gw", 2222}, 40445, "nas.local", 445);
  CHECK(argv == std::vector<std::string>{"ssh", "-N", "-T", "-o", "BatchMode=yes", "-o",
                                         "ExitOnForwardFailure=yes", "-o", "ServerAliveInterval=15",
                                         "-o", "ServerAliveCountMax=3", "-p", "2222", "-l", "alice",
                                         "-L", "127.0.0.1:40445:nas.local:445", "gw"});
  CHECK(be::tunnel_argv({"a", "gw", 22}, 1, "fd00::2", 445)[16] == "127.0.0.1:1:[fd00::2]:445");
}
