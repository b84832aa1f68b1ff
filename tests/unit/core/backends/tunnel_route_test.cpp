#include "core/backends/tunnel_route.hpp"

#include <catch2/catch.hpp>

namespace be = mb::core::backends;
namespace cfg = mb::core::config;

TEST_CASE("tunnel route: smb keeps its source and connects to ip=127.0.0.1,port=PORT") {
  cfg::MountConfig m;
  m.type = cfg::MountType::smb;
  m.server = "nas.lan";
  m.share = "photos";
  m.source = "//nas.lan/photos";
  auto r = be::through_tunnel(m, 40123, be::SmbTool::mount_cifs);
  REQUIRE(r.ok());
  CHECK(r->source == "//nas.lan/photos");
  CHECK(r->server == "nas.lan");
  CHECK(r->settings.options ==
        std::vector<std::string>{"soft", "nodev", "nosuid", "ip=127.0.0.1", "port=40123"});
}

TEST_CASE("tunnel route: an smb option that would bypass the tunnel is refused") {
  cfg::MountConfig m;
  m.type = cfg::MountType::smb;
  m.settings.options.push_back("port=445");
  auto r = be::through_tunnel(m, 40123, be::SmbTool::mount_cifs);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().find("port=") != std::string::npos);
  cfg::MountConfig plain;
  plain.type = cfg::MountType::smb;
  CHECK_FALSE(be::through_tunnel(plain, 1, be::SmbTool::netfs).ok());
}

TEST_CASE("tunnel route: a command's {server} and {port} become the tunnel's loopback end") {
  cfg::MountConfig m;
  m.type = cfg::MountType::command;
  m.server = "files.lan";
  m.command = {"rclone",     "mount", "r:", "{mountpoint}", "--smb-host={server}",
               "--smb-port", "{port}"};
  auto r = be::through_tunnel(m, 5555, be::SmbTool::mount_cifs);
  REQUIRE(r.ok());
  CHECK(r->command == std::vector<std::string>{"rclone", "mount", "r:", "{mountpoint}",
                                               "--smb-host=127.0.0.1", "--smb-port", "5555"});
}

TEST_CASE("tunnel route: nfs and a missing port are refused") {
  cfg::MountConfig nfs;
  nfs.type = cfg::MountType::nfs;
  CHECK_FALSE(be::through_tunnel(nfs, 1, be::SmbTool::mount_cifs).ok());
  cfg::MountConfig cmd;
  CHECK_FALSE(be::through_tunnel(cmd, 0, be::SmbTool::mount_cifs).ok());
}

TEST_CASE("tunnel route: mount.cifs gets the share's name and the tunnel's address and port") {
  cfg::MountConfig m;
  m.name = "nas";
  m.type = cfg::MountType::smb;
  m.server = "nas.lan";
  m.share = "photos";
  m.settings.options = {"soft"};
  auto routed = be::through_tunnel(m, 40123, be::SmbTool::mount_cifs);
  REQUIRE(routed.ok());
  auto inv = be::mount_invocation(*routed, "/mnt/nas", std::nullopt, be::SmbTool::mount_cifs);
  REQUIRE(inv.ok());
  REQUIRE(inv->argv.size() >= 4);
  CHECK(inv->argv[1] == "//nas.lan/photos");
  CHECK(inv->argv.back().find("ip=127.0.0.1,port=40123") != std::string::npos);
  // Without the route mount.cifs would connect to nas.lan itself.
  auto direct = be::mount_invocation(m, "/mnt/nas", std::nullopt, be::SmbTool::mount_cifs);
  REQUIRE(direct.ok());
  CHECK(direct->argv.back().find("ip=") == std::string::npos);
}

TEST_CASE("tunnel route: {port} without a tunnel is refused when the command is built") {
  cfg::MountConfig m;
  m.name = "fuse";
  m.type = cfg::MountType::command;
  m.server = "files.lan";
  m.command = {"rclone", "mount", "r:", "{mountpoint}", "--smb-port", "{port}"};
  auto direct = be::mount_invocation(m, "/mnt/fuse", std::nullopt, be::SmbTool::mount_cifs);
  REQUIRE_FALSE(direct.ok());
  CHECK(direct.error().find("{port} is used but the mount has no port") != std::string::npos);
  auto routed = be::through_tunnel(m, 5555, be::SmbTool::mount_cifs);
  REQUIRE(routed.ok());
  auto inv = be::mount_invocation(*routed, "/mnt/fuse", std::nullopt, be::SmbTool::mount_cifs);
  REQUIRE(inv.ok());
  CHECK(inv->argv.back() == "5555");
}
