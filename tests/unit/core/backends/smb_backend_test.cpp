#include "core/backends/smb_backend.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "tests/support/smb_mount_config.hpp"

namespace be = mb::core::backends;
using mb::test::smb;

TEST_CASE("smb refuses usernames and options that could smuggle a password", "[backends][smb]") {
  SECTION("a username with , or %") {
    auto user = GENERATE(as<std::string>{}, "alice%hunter2", "alice,pass=hunter2");
    auto r = be::smb_mount(smb({"soft"}, user), "/mnt/photos", "pw");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error(), Catch::Contains("username must not contain"));
    CHECK_THAT(r.error(), !Catch::Contains("hunter2"));
  }
  SECTION("user= or username= in options") {
    auto opt = GENERATE(as<std::string>{}, "user=bob", "username=bob%hunter2");
    auto r = be::smb_mount(smb({"soft", opt}), "/mnt/photos", "pw");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error(), Catch::Contains("set username = "));
    CHECK_THAT(r.error(), !Catch::Contains("hunter2"));
  }
  SECTION("a password option") {
    auto r = be::smb_mount(smb({"soft", "password=hunter2"}), "/mnt/photos", "pw");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error(), !Catch::Contains("hunter2"));
  }
  SECTION("no soft") {
    CHECK_FALSE(be::smb_mount(smb({"nodev"}), "/mnt/photos", "pw"));
    CHECK_FALSE(be::smb_mount(smb({"soft", "hard"}), "/mnt/photos", "pw"));
  }
  SECTION("a server that reads as an option") {
    auto m = smb();
    m.server = "-oremount";
    CHECK_FALSE(be::smb_mount(m, "/mnt/photos", "pw"));
  }
}

TEST_CASE("smb_mount carries what every SMB tool needs, options normalised", "[backends][smb]") {
  auto m = smb({"soft, vers=3.0", "soft"});
  m.local_user = "alice";
  m.local_uid = 1001;
  m.local_gid = 1002;
  auto r = be::smb_mount(m, "/mnt/resolved", std::string("pw"));
  REQUIRE(r);
  CHECK(r->server == "nas.local");
  CHECK(r->share == "photos");
  CHECK(r->username == "alice");
  CHECK(r->mountpoint == "/mnt/resolved");  // the resolved path, not the configured one
  CHECK(r->options == std::vector<std::string>{"soft", "vers=3.0"});
  CHECK(r->password == std::optional<std::string>("pw"));
  CHECK(r->local_uid == 1001);
  CHECK(r->local_gid == 1002);
  auto none =
      be::smb_mount(smb({"soft"}, "", mb::core::config::Credential::none), "/mnt/p", std::nullopt);
  REQUIRE(none);
  CHECK_FALSE(none->password);
  CHECK(none->username.empty());
}
