#include "mountctl/doctor/auto_master.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("auto.master: direct and indirect maps, map types, options and includes") {
  auto m = parse_auto_master(
      "# Sample auto.master\n"
      "/misc\t/etc/auto.misc --timeout=60\n"
      "/-  file:/etc/auto.direct\n"
      "/net -hosts\n"
      "/home  yp,sun:auto.home\n"
      "/smb/ program:/etc/auto.smb\n"
      "+dir:/etc/auto.master.d\n"
      "+auto.master\n");
  REQUIRE(m.entries.size() == 5);
  CHECK(m.entries[0].line == 2);
  CHECK(m.entries[0].mount_point == "/misc");
  CHECK(m.entries[0].map == "/etc/auto.misc");
  CHECK(m.entries[0].map_type.empty());
  CHECK_FALSE(m.entries[0].direct());
  CHECK(m.entries[1].direct());
  CHECK(m.entries[1].map_type == "file");
  CHECK(m.entries[1].map == "/etc/auto.direct");
  CHECK(m.entries[2].map == "-hosts");
  CHECK(m.entries[3].map_type == "yp");
  CHECK(m.entries[3].map == "auto.home");
  CHECK(m.entries[4].mount_point == "/smb");  // trailing slash dropped
  CHECK(m.entries[4].map_type == "program");
  REQUIRE(m.includes.size() == 2);
  CHECK(m.includes[0].directory);
  CHECK(m.includes[0].name == "/etc/auto.master.d");
  CHECK(m.includes[0].line == 7);
  CHECK_FALSE(m.includes[1].directory);
  CHECK(m.includes[1].name == "auto.master");
}

TEST_CASE("macOS auto_master: special maps and options that start with a dash") {
  auto m = parse_auto_master(
      "#\n"
      "+auto_master\t\t# Use directory service\n"
      "/net\t\t\t-hosts\t\t-nobrowse,hidefromfinder,nosuid\n"
      "/home\t\t\tauto_home\t-nobrowse,hidefromfinder\n"
      "/-\t\t\t-static\n");
  REQUIRE(m.entries.size() == 3);
  CHECK(m.entries[0].map == "-hosts");
  CHECK(m.entries[1].map == "auto_home");
  CHECK(m.entries[2].direct());
  CHECK(m.entries[2].map == "-static");
}

TEST_CASE("auto.master: continued lines and lines without a map") {
  auto m = parse_auto_master("/data \\\n   /etc/auto.data\n/lonely\nnot-a-path map\n");
  REQUIRE(m.entries.size() == 1);
  CHECK(m.entries[0].line == 1);
  CHECK(m.entries[0].map == "/etc/auto.data");
}

TEST_CASE("a map word splits into type and map only with an alphabetic prefix") {
  std::string type, map;
  split_map_type("ldap://ldap.example.com/ou=auto.home", type, map);
  CHECK(type == "ldap");
  split_map_type("/etc/auto:odd", type, map);
  CHECK(type.empty());
  CHECK(map == "/etc/auto:odd");
  split_map_type("file,sun:/etc/auto.x", type, map);
  CHECK(type == "file");
  CHECK(map == "/etc/auto.x");
}

TEST_CASE("a master map with a lone backslash line parses without it") {
  auto m = parse_auto_master("\\\n\n/- /etc/auto.direct\n\\");
  REQUIRE(m.entries.size() == 1);
  CHECK(m.entries[0].mount_point == "/-");
  CHECK(m.includes.empty());
}
