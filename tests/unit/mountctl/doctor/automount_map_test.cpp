#include "mountctl/doctor/automount_map.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("map keys with their lines, continuations, includes and comments") {
  auto m = parse_automount_map(
      "# direct map\n"
      "/mnt/media/  -fstype=nfs,soft  nas:/export/media\n"
      "/mnt/multi  -rw \\\n"
      "    /a nas:/a \\\n"
      "    /b nas:/b\n"
      "+auto.more\n"
      "*  -fstype=nfs  nas:/home/&\n");
  REQUIRE(m.entries.size() == 3);
  CHECK(m.entries[0].key == "/mnt/media");  // trailing slash dropped
  CHECK(m.entries[0].line == 2);
  CHECK(m.entries[1].key == "/mnt/multi");
  CHECK(m.entries[1].line == 3);
  CHECK(m.entries[2].key == "*");
  CHECK(m.entries[2].line == 7);
  REQUIRE(m.includes.size() == 1);
  CHECK(m.includes[0].key == "auto.more");
}

TEST_CASE("an empty map has no keys") {
  CHECK(parse_automount_map("").entries.empty());
  CHECK(parse_automount_map("\n   \n# only comments\n").entries.empty());
}

TEST_CASE("a map with a lone backslash line parses without it") {
  auto m = parse_automount_map("\\\n\nphotos -fstype=nfs nas:/photos\n\\");
  REQUIRE(m.entries.size() == 1);
  CHECK(m.entries[0].key == "photos");
}
