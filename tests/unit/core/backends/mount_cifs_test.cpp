#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/backends/smb_backend.hpp"
#include "tests/support/smb_mount_config.hpp"

namespace be = mb::core::backends;
namespace cfg = mb::core::config;
using mb::test::smb;
using Argv = std::vector<std::string>;

namespace {

be::SmbMount request(const cfg::MountConfig& m, std::optional<std::string> password) {
  auto r = be::smb_mount(m, "/mnt/photos", password);
  REQUIRE(r);
  return *r;
}

}  // namespace

TEST_CASE("mount.cifs gets the password through PASSWD_FD=3, never on argv", "[backends][smb]") {
  auto inv = be::mount_cifs_invocation(request(smb(), "s3cr,et pw"));
  REQUIRE(inv);
  CHECK(inv->argv == Argv{"mount.cifs", "//nas.local/photos", "/mnt/photos", "-o",
                          "soft,nodev,nosuid,username=alice"});
  CHECK(inv->env == Argv{"PASSWD_FD=3"});
  CHECK(inv->secret_fd == 3);
  // Exactly the password: mount.cifs 7.0 would take a trailing newline as part of it.
  CHECK(inv->secret_fd_data == std::optional<std::string>("s3cr,et pw"));
  CHECK_FALSE(inv->stdin_data);
  CHECK_FALSE(inv->detach);
  CHECK(inv->new_session);
}

TEST_CASE("mount.cifs without a password mounts as guest and is never left to prompt",
          "[backends][smb]") {
  struct Case {
    std::vector<std::string> options;
    std::string username;
    std::string expected;
  };
  auto c = GENERATE(values<Case>({
      {{"soft"}, "", "soft,guest"},
      {{"soft"}, "bob", "soft,username=bob,guest"},
      {{"soft", "guest"}, "", "soft,guest"},
      {{"soft", "sec=none"}, "", "soft,sec=none"},
      {{"soft", "sec=krb5i"}, "alice", "soft,sec=krb5i,username=alice"},
      {{"soft", "credentials=/root/.smb"}, "", "soft,credentials=/root/.smb"},
  }));
  auto inv = be::mount_cifs_invocation(
      request(smb(c.options, c.username, cfg::Credential::none), std::nullopt));
  REQUIRE(inv);
  CHECK(inv->argv == Argv{"mount.cifs", "//nas.local/photos", "/mnt/photos", "-o", c.expected});
  CHECK(inv->env.empty());
  CHECK_FALSE(inv->secret_fd_data);
  CHECK(inv->secret_fd == -1);
  for (const std::string& arg : inv->argv) CHECK_THAT(arg, !Catch::Contains("pass"));
}

TEST_CASE("mount.cifs options pass through untouched, in order, without repeats",
          "[backends][smb]") {
  auto inv = be::mount_cifs_invocation(
      request(smb({"soft,vers=3.0", "noserverino", "port=4450", "soft", "uid=1000"}), "pw"));
  REQUIRE(inv);
  CHECK(inv->argv.at(4) == "soft,vers=3.0,noserverino,port=4450,uid=1000,username=alice");
}

TEST_CASE("a password conflicts with guest, sec=none and a credentials file", "[backends][smb]") {
  auto opt = GENERATE(as<std::string>{}, "guest", "sec=none", "credentials=/root/.smb");
  auto inv = be::mount_cifs_invocation(request(smb({"soft", opt}), "pw"));
  REQUIRE_FALSE(inv);
  CHECK_THAT(inv.error(), Catch::Contains("conflict with the password"));
}

TEST_CASE("mount.cifs mounts a local_user's share with that user's uid and gid",
          "[backends][smb][local_user]") {
  auto m = smb();
  m.local_user = "alice";
  m.local_uid = 1001;
  m.local_gid = 1002;
  auto inv = be::mount_cifs_invocation(request(m, "pw"));
  REQUIRE(inv);
  CHECK(inv->argv == Argv{"mount.cifs", "//nas.local/photos", "/mnt/photos", "-o",
                          "soft,nodev,nosuid,username=alice,uid=1001,gid=1002,forceuid,forcegid"});
  SECTION("options may not set other owners") {
    m.settings.options = {"soft", "uid=0"};
    auto refused = be::mount_cifs_invocation(request(m, "pw"));
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error(), Catch::Contains("remove them from options"));
  }
  SECTION("a user whose ids were never resolved is refused, not mounted as root") {
    m.local_uid = -1;
    CHECK_FALSE(be::mount_cifs_invocation(request(m, "pw")));
  }
}
