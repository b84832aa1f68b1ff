#include "broker/backends/smb_backend.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace be = mb::broker::backends;
namespace cfg = mb::broker::config;
using Argv = std::vector<std::string>;

namespace {

cfg::MountConfig smb(std::vector<std::string> options = {"soft", "nodev", "nosuid"},
                     std::string username = "alice",
                     cfg::Credential credential = cfg::Credential::file) {
  cfg::MountConfig m;
  m.name = "photos";
  m.type = cfg::MountType::smb;
  m.server = "nas.local";
  m.share = "photos";
  m.username = std::move(username);
  m.mountpoint = "/mnt/photos";
  m.credential = credential;
  m.settings.options = std::move(options);
  return m;
}

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

TEST_CASE("mount_smbfs (macOS, untested there) never prompts and keeps the password off argv",
          "[backends][smb]") {
  SECTION("with a password") {
    auto m = smb({"soft", "nobrowse"}, "CORP/al ice");
    m.share = "my photos";
    auto inv = be::mount_smbfs_invocation(request(m, "hunter2"));
    REQUIRE(inv);
    CHECK(inv->argv == Argv{"mount_smbfs", "-N", "-o", "soft,nobrowse",
                            "//CORP;al%20ice@nas.local/my%20photos", "/mnt/photos"});
    CHECK(inv->stdin_data == std::optional<std::string>("hunter2\n"));
    CHECK(inv->env.empty());
    CHECK_FALSE(inv->secret_fd_data);
  }
  SECTION("as guest") {
    auto inv =
        be::mount_smbfs_invocation(request(smb({"soft"}, "", cfg::Credential::none), std::nullopt));
    REQUIRE(inv);
    CHECK(inv->argv ==
          Argv{"mount_smbfs", "-N", "-o", "soft", "//guest@nas.local/photos", "/mnt/photos"});
    CHECK_FALSE(inv->stdin_data);
  }
}
