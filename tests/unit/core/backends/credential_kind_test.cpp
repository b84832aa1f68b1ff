#include "core/backends/credential_kind.hpp"

#include <catch2/catch.hpp>

namespace be = mb::core::backends;
namespace cfg = mb::core::config;

namespace {

cfg::MountConfig mount(cfg::MountType type, cfg::Credential credential) {
  cfg::MountConfig m;
  m.name = "photos";
  m.type = type;
  m.credential = credential;
  m.line = 7;
  return m;
}

}  // namespace

TEST_CASE("setup stores the kind this OS keeps, whichever that is", "[backends][credential]") {
  using cfg::Credential;
  using cfg::MountType;
  CHECK(be::check_credential_kind(mount(MountType::smb, Credential::file), Credential::file, "x"));
  CHECK(be::check_credential_kind(mount(MountType::smb, Credential::keychain), Credential::keychain,
                                  "x"));

  auto none =
      be::check_credential_kind(mount(MountType::smb, Credential::none), Credential::keychain, "x");
  REQUIRE_FALSE(none);
  CHECK(none.error() ==
        "mount \"photos\" (its [[mount]] at line 7) has credential = \"none\", so the broker gives "
        "it no password; to use one, set credential = \"keychain\" there, then run this again");

  auto nfs =
      be::check_credential_kind(mount(MountType::nfs, Credential::none), Credential::file, "x");
  REQUIRE_FALSE(nfs);
  CHECK(nfs.error().find("is an nfs mount: nfs takes no password") != std::string::npos);

  auto other = be::check_credential_kind(mount(MountType::smb, Credential::file),
                                         Credential::keychain, ": the other kind");
  REQUIRE_FALSE(other);
  CHECK(other.error() == "mount \"photos\" (its [[mount]] at line 7): the other kind");
}
