#include "core/config/config.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace cfg = mb::core::config;

TEST_CASE("config: find returns a mount by its exact name") {
  cfg::Config c;
  c.mounts.resize(2);
  c.mounts[0].name = "photos";
  c.mounts[0].mountpoint = "/mnt/photos";
  c.mounts[1].name = "scratch";
  c.mounts[1].mountpoint = "/mnt/scratch";
  REQUIRE(c.find("scratch") != nullptr);
  CHECK(c.find("scratch")->mountpoint == "/mnt/scratch");
  CHECK(c.find("photos") == &c.mounts[0]);
  CHECK(c.find("Photos") == nullptr);  // names are case-sensitive
  CHECK(c.find("") == nullptr);
  CHECK(cfg::Config{}.find("photos") == nullptr);
}

TEST_CASE("config: to_string spells types and credentials as the file does") {
  CHECK(std::string(cfg::to_string(cfg::MountType::smb)) == "smb");
  CHECK(std::string(cfg::to_string(cfg::MountType::nfs)) == "nfs");
  CHECK(std::string(cfg::to_string(cfg::MountType::command)) == "command");
  CHECK(std::string(cfg::to_string(cfg::Credential::none)) == "none");
  CHECK(std::string(cfg::to_string(cfg::Credential::file)) == "file");
  CHECK(std::string(cfg::to_string(cfg::Credential::keychain)) == "keychain");
}

TEST_CASE("config: an nfs source is server:export, a bare IPv6 server bracketed") {
  CHECK(cfg::nfs_source("nas", "/export/a") == "nas:/export/a");
  CHECK(cfg::nfs_source("192.0.2.7", "/srv") == "192.0.2.7:/srv");
  // Without brackets the address's colons would run into the one before the export.
  CHECK(cfg::nfs_source("fe80::1", "/srv") == "[fe80::1]:/srv");
  CHECK(cfg::nfs_source("[fe80::1]", "/srv") == "[fe80::1]:/srv");  // not bracketed twice
}
