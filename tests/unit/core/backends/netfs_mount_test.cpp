#include "core/backends/netfs_mount.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace be = mb::core::backends;
namespace cfg = mb::core::config;
using Argv = std::vector<std::string>;

namespace {

be::SmbMount share(std::optional<std::string> password = "hunter2",
                   std::vector<std::string> options = {"soft", "nodev", "nosuid"}) {
  be::SmbMount s;
  s.server = "nas.local";
  s.share = "photos";
  s.username = "alice";
  s.mountpoint = "/Volumes/photos";
  s.options = std::move(options);
  s.password = std::move(password);
  return s;
}

bool contains(const Argv& argv, const std::string& text) {
  for (const auto& a : argv)
    if (a.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the NetFS child gets the password on the secret pipe, never on argv or env",
          "[backends][netfs]") {
  auto inv = be::netfs_invocation(share());
  REQUIRE(inv);
  CHECK(inv->internal);
  CHECK(inv->argv == Argv{"netfs-mount", "--url", "smb://alice@nas.local/photos", "--mountpoint",
                          "/Volumes/photos", "--flags", "nobrowse,nosuid,nodev", "--user", "alice",
                          "--password-fd", "3"});
  CHECK(inv->secret_fd == be::kNetfsPasswordFd);
  CHECK(inv->secret_fd_data == std::optional<std::string>("hunter2"));
  CHECK_FALSE(contains(inv->argv, "hunter2"));
  CHECK(inv->env.empty());
  CHECK_FALSE(inv->stdin_data);
  CHECK(inv->new_session);
}

TEST_CASE("a NetFS guest mount has no user and no password descriptor", "[backends][netfs]") {
  auto s = share(std::nullopt);
  s.username.clear();
  auto inv = be::netfs_invocation(s);
  REQUIRE(inv);
  CHECK(inv->argv == Argv{"netfs-mount", "--url", "smb://nas.local/photos", "--mountpoint",
                          "/Volumes/photos", "--flags", "nobrowse,nosuid,nodev"});
  CHECK_FALSE(inv->secret_fd_data);
  CHECK(inv->secret_fd == -1);
}

TEST_CASE("the smb URL encodes what would break it and keeps the domain separator",
          "[backends][netfs]") {
  auto s = share();
  s.username = "CORP/al ice";
  s.share = "my photos#1";
  CHECK(be::netfs_url(s) == "smb://CORP;al%20ice@nas.local/my%20photos%231");
  s.username = "CORP\\bob";
  CHECK(be::netfs_url(s) == "smb://CORP;bob@nas.local/my%20photos%231");
  s.username = "a@b:c";
  CHECK(be::netfs_url(s) == "smb://a%40b%3Ac@nas.local/my%20photos%231");
}

TEST_CASE("mount options become NetFS flags with nobrowse always and unknown ones refused",
          "[backends][netfs]") {
  auto flags = be::netfs_flags({"soft", "ro", "noexec"});
  REQUIRE(flags);
  CHECK(flags->nobrowse);
  CHECK(flags->rdonly);
  CHECK(flags->noexec);
  CHECK_FALSE(flags->nosuid);
  auto refused = be::netfs_invocation(share("pw", {"soft", "vers=3.0"}));
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error(), Catch::Contains("\"vers=3.0\" has no NetFS equivalent"));
}

TEST_CASE("the child parses back exactly what the broker asked for", "[backends][netfs]") {
  auto s = share("pw", {"soft", "rdonly", "nodev"});
  s.local_user = "alice";
  s.local_uid = 501;
  s.local_gid = 20;
  auto request = be::netfs_request(s);
  REQUIRE(request);
  auto args = be::netfs_args(*request);
  CHECK(contains(args, "--local-user"));
  auto parsed = be::parse_netfs_args(args);
  REQUIRE(parsed);
  CHECK(*parsed == *request);
  CHECK(parsed->local_uid == 501);
  CHECK(parsed->flags.rdonly);
}

TEST_CASE("the child refuses an argv the broker would never write", "[backends][netfs]") {
  auto bad = GENERATE(
      Argv{"netfs-mount"}, Argv{"probe", "--url", "smb://a/b", "--mountpoint", "/m"},
      Argv{"netfs-mount", "--url", "http://a/b", "--mountpoint", "/m"},
      Argv{"netfs-mount", "--url", "smb://a/b", "--mountpoint", "relative"},
      Argv{"netfs-mount", "--url", "smb://a/b", "--mountpoint", "/m", "--password"},
      Argv{"netfs-mount", "--url", "smb://a/b", "--mountpoint", "/m", "--flags", "hard"},
      Argv{"netfs-mount", "--url", "smb://a/b", "--mountpoint", "/m", "--local-user", "alice"},
      Argv{"netfs-mount", "--url", "smb://a/b", "--mountpoint", "/m", "--local-user", "alice",
           "--uid", "-1", "--gid", "20"});
  CAPTURE(bad);
  CHECK_FALSE(be::parse_netfs_args(bad));
}

TEST_CASE("a local_user whose ids were never resolved is refused", "[backends][netfs]") {
  auto s = share();
  s.local_user = "alice";
  CHECK_FALSE(be::netfs_invocation(s));
}
