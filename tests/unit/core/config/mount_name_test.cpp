#include "core/config/mount_name.hpp"

#include <catch2/catch.hpp>

using namespace mb::core::config;

TEST_CASE("mount_name: 1 to 32 letters, digits, '_' or '-'") {
  CHECK(is_valid_mount_name("photos"));
  CHECK(is_valid_mount_name("Team_share-2"));
  CHECK(is_valid_mount_name(std::string(32, 'a')));
  CHECK_FALSE(is_valid_mount_name(""));
  CHECK_FALSE(is_valid_mount_name(std::string(33, 'a')));
  // Names end up in paths, unit names and command lines.
  for (const char* bad : {"a/b", "..", "a b", "a.b", "a;b", "\xC3\xA9", "$x", "a\n"})
    CHECK_FALSE(is_valid_mount_name(bad));
  CHECK(is_valid_mount_name("-"));
}

TEST_CASE("mount_name: only a valid string name is a name") {
  auto t = toml::parse(R"(a = { name = "photos" }
b = { name = "no/slash" }
c = { name = 7 }
d = { type = "smb" })");
  CHECK(mount_name(*t["a"].as_table()) == "photos");
  CHECK_FALSE(mount_name(*t["b"].as_table()));
  CHECK_FALSE(mount_name(*t["c"].as_table()));
  CHECK_FALSE(mount_name(*t["d"].as_table()));
}

TEST_CASE("mount_name: messages start with the name, else the mount's number from 1") {
  auto t = toml::parse(R"(a = { name = "photos" }
b = { name = "no/slash" })");
  CHECK(mount_prefix(*t["a"].as_table(), 4) == "mount \"photos\": ");
  CHECK(mount_prefix(*t["b"].as_table(), 0) == "[[mount]] #1: ");
  CHECK(mount_prefix(*t["b"].as_table(), 2) == "[[mount]] #3: ");
}
