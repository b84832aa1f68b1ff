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
