#include "core/backends/command_backend.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace be = mb::core::backends;
namespace cfg = mb::core::config;
using Argv = std::vector<std::string>;

namespace {

cfg::MountConfig command(Argv argv, std::string username = "alice") {
  cfg::MountConfig m;
  m.name = "box";
  m.type = cfg::MountType::command;
  m.username = std::move(username);
  m.mountpoint = "/mnt/box";
  m.command = std::move(argv);
  return m;
}

const std::vector<be::Placeholder> kValues{{"mountpoint", "/mnt/box"},
                                           {"server", "nas.local"},
                                           {"share", "photos"},
                                           {"username", "alice"}};

}  // namespace

TEST_CASE("placeholders are replaced literally in every element", "[backends][command]") {
  struct Case {
    Argv in;
    Argv out;
  };
  auto c = GENERATE(values<Case>({
      {{"bindfs", "/srv/x", "{mountpoint}"}, {"bindfs", "/srv/x", "/mnt/box"}},
      {{"sshfs", "{username}@{server}:/{share}", "{mountpoint}"},
       {"sshfs", "alice@nas.local:/photos", "/mnt/box"}},
      {{"h", "--dir={mountpoint}/{mountpoint}"}, {"h", "--dir=/mnt/box//mnt/box"}},
      // Not placeholders: left as they are.
      {{"h", "{}", "{a b}", "{", "}", "{mountpoint", "x{-}y", "{{mountpoint}"},
       {"h", "{}", "{a b}", "{", "}", "{mountpoint", "x{-}y", "{/mnt/box"}},
  }));
  auto got = be::expand_placeholders(c.in, kValues);
  REQUIRE(got);
  CHECK(*got == c.out);
}

TEST_CASE("a substituted value is never expanded again", "[backends][command]") {
  auto got = be::expand_placeholders({"h", "{username}"},
                                     {{"username", "{mountpoint}"}, {"mountpoint", "/mnt/box"}});
  REQUIRE(got);
  CHECK(*got == Argv{"h", "{mountpoint}"});
}

TEST_CASE("unknown placeholders are refused with the element and the known names",
          "[backends][command]") {
  auto got = be::expand_placeholders({"sshfs", "host:/", "{mount_point}"}, kValues);
  REQUIRE_FALSE(got);
  CHECK(got.error() ==
        "command[2]: unknown placeholder {mount_point}; known: {mountpoint}, {server}, {share}, "
        "{username}");
}

TEST_CASE("a placeholder without a value is refused", "[backends][command]") {
  auto got = be::expand_placeholders({"sshfs", "{username}@h:/", "{mountpoint}"},
                                     {{"mountpoint", "/mnt/box"}, {"username", ""}});
  REQUIRE_FALSE(got);
  CHECK(got.error() == "command[1]: {username} is used but the mount has no username");
}

TEST_CASE("helpers that stay in the foreground are detached", "[backends][command]") {
  struct Case {
    Argv argv;
    bool foreground;
  };
  auto c = GENERATE(values<Case>({
      {{"rclone", "mount", "nas:photos", "{mountpoint}"}, true},
      {{"/usr/bin/rclone", "mount", "--vfs-cache-mode", "full", "r:", "{mountpoint}"}, true},
      {{"rclone", "nfsmount", "r:", "{mountpoint}"}, true},
      {{"rclone", "mount", "--daemon", "r:", "{mountpoint}"}, false},
      {{"rclone", "serve", "sftp", "r:"}, false},
      {{"rclone-wrapper", "mount", "r:", "{mountpoint}"}, false},
      {{"sshfs", "-f", "h:/", "{mountpoint}"}, true},
      {{"bindfs", "-d", "/srv", "{mountpoint}"}, true},
      {{"gocryptfs", "--foreground", "/c", "{mountpoint}"}, true},
      {{"sshfs", "h:/", "{mountpoint}"}, false},
      {{"bindfs", "/srv/x", "{mountpoint}"}, false},
      {{"-f"}, false},
      {{}, false},
  }));
  CHECK(be::stays_in_foreground(c.argv) == c.foreground);
}

TEST_CASE("a command mount runs in its own session with the password on stdin",
          "[backends][command]") {
  auto m = command({"sshfs", "-o", "password_stdin", "{username}@nas:/data", "{mountpoint}"});
  auto inv = be::command_invocation(m, "/mnt/box", "hunter2");
  REQUIRE(inv);
  CHECK(inv->argv == Argv{"sshfs", "-o", "password_stdin", "alice@nas:/data", "/mnt/box"});
  CHECK(inv->stdin_data == std::optional<std::string>("hunter2\n"));
  CHECK(inv->env.empty());
  CHECK_FALSE(inv->secret_fd_data);
  CHECK(inv->new_session);
  CHECK_FALSE(inv->detach);
}

TEST_CASE("rclone mount is detached, judged before substitution", "[backends][command]") {
  auto rclone = be::command_invocation(command({"rclone", "mount", "r:", "{mountpoint}"}),
                                       "/mnt/box", std::nullopt);
  REQUIRE(rclone);
  CHECK(rclone->detach);
  CHECK_FALSE(rclone->stdin_data);
  // A username "mount" substituted into rclone's argv does not make it a mount command.
  auto other =
      be::command_invocation(command({"rclone", "serve", "{username}", "{mountpoint}"}, "mount"),
                             "/mnt/box", std::nullopt);
  REQUIRE(other);
  CHECK(other->argv == Argv{"rclone", "serve", "mount", "/mnt/box"});
  CHECK_FALSE(other->detach);
}

TEST_CASE("{uid} and {gid} are local_user's ids, and refused without local_user",
          "[backends][command][local_user]") {
  auto m = command({"sshfs", "-o", "uid={uid},gid={gid},allow_other", "nas:/x", "{mountpoint}"});
  SECTION("with local_user") {
    m.local_user = "alice";
    m.local_uid = 1001;
    m.local_gid = 1002;
    auto inv = be::command_invocation(m, "/mnt/box", std::nullopt);
    REQUIRE(inv);
    CHECK(inv->argv == Argv{"sshfs", "-o", "uid=1001,gid=1002,allow_other", "nas:/x", "/mnt/box"});
  }
  SECTION("without local_user: never root's ids by default") {
    auto inv = be::command_invocation(m, "/mnt/box", std::nullopt);
    REQUIRE_FALSE(inv);
    CHECK_THAT(inv.error(), Catch::Contains("need local_user"));
  }
  SECTION("with a local_user whose ids were never resolved") {
    m.local_user = "alice";
    CHECK_FALSE(be::command_invocation(m, "/mnt/box", std::nullopt));
  }
}
