#include "platform/credential_store.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "platform/credential_file.hpp"
#include "tests/support/temp_dir.hpp"

namespace pf = mb::platform;
namespace cfg = mb::core::config;

namespace {

const std::string kStoreSecret = "c0rrect-horse-battery";

cfg::MountConfig mount_config(cfg::MountType type, cfg::Credential credential) {
  cfg::MountConfig m;
  m.name = "photos";
  m.type = type;
  m.server = "nas.local";
  m.share = "photos";
  m.username = "alice";
  m.mountpoint = "/mnt/photos";
  m.credential = credential;
  m.line = 12;
  return m;
}

using mb::test::TempDir;

}  // namespace

TEST_CASE("on Linux setup stores credential = \"file\" and explains the other kinds",
          "[platform][credential_store]") {
  using cfg::Credential;
  using cfg::MountType;
  CHECK(pf::check_kind(mount_config(MountType::smb, Credential::file)));
  CHECK(pf::check_kind(mount_config(MountType::command, Credential::file)));

  auto none = pf::check_kind(mount_config(MountType::smb, Credential::none));
  REQUIRE_FALSE(none);
  CHECK(none.error() ==
        "mount \"photos\" (its [[mount]] at line 12) has credential = \"none\", so the broker "
        "gives it no password; to use one, set credential = \"file\" there, then run this again");

  auto nfs = pf::check_kind(mount_config(MountType::nfs, Credential::none));
  REQUIRE_FALSE(nfs);
  CHECK_THAT(nfs.error(), Catch::Contains("nfs takes no password"));

  auto keychain = pf::check_kind(mount_config(MountType::smb, Credential::keychain));
  REQUIRE_FALSE(keychain);
  CHECK_THAT(keychain.error(), Catch::Contains("exists only on macOS; on Linux set credential = "
                                               "\"file\" there"));
}

TEST_CASE("storing a file credential reads it back and says where it went, not what",
          "[platform][credential_store]") {
  TempDir t;
  const std::string dir = t.path() + "/credentials";
  const auto m = mount_config(cfg::MountType::smb, cfg::Credential::file);
  REQUIRE(pf::check_place(m, dir));
  auto said = pf::store_credential(m, dir, kStoreSecret);
  REQUIRE(said);
  CHECK_THAT(*said, Catch::StartsWith("photos: stored the password in " + dir +
                                      "/photos (mode "
                                      "0600, owner "));
  CHECK_THAT(*said, Catch::EndsWith("the next mount of photos uses it, no broker restart needed"));
  CHECK_THAT(*said, !Catch::Contains(kStoreSecret));
  auto back = pf::read_credential(dir, "photos");
  REQUIRE(back);
  CHECK(**back == kStoreSecret);
}

TEST_CASE("a credential that is not a file is not stored on Linux",
          "[platform][credential_store]") {
  TempDir t;
  auto said = pf::store_credential(mount_config(cfg::MountType::smb, cfg::Credential::keychain),
                                   t.path(), kStoreSecret);
  REQUIRE_FALSE(said);
  CHECK_THAT(said.error(), !Catch::Contains(kStoreSecret));
  CHECK(std::filesystem::is_empty(t.path()));
}

TEST_CASE("an unsafe credential directory is found before anyone is asked for a password",
          "[platform][credential_store]") {
  TempDir t;
  REQUIRE(::chmod(t.path().c_str(), 0777) == 0);
  auto place = pf::check_place(mount_config(cfg::MountType::smb, cfg::Credential::file), t.path());
  REQUIRE_FALSE(place);
  CHECK_THAT(place.error(), Catch::Contains("chmod 700 " + t.path()));
}
