#include "core/config/local_user.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "core/config/config_loader.hpp"
#include "tests/support/temp_dir.hpp"

namespace cfg = mb::core::config;

namespace {

std::string smb_with(const std::string& local_user, const std::string& type = "smb") {
  return "[[mount]]\nname = \"photos\"\ntype = \"" + type +
         "\"\nserver = \"nas.local\"\nshare = \"" + (type == "nfs" ? "/photos" : "photos") +
         "\"\nmountpoint = \"/mnt/photos\"\noptions = [\"soft\"]\nlocal_user = \"" + local_user +
         "\"\n";
}

}  // namespace

TEST_CASE("local_user is a plain user name, and not for nfs", "[config][local_user]") {
  for (const char* ok : {"", "alice", "a.b_c-d", "_www", "Alice2"}) {
    CAPTURE(ok);
    CHECK_FALSE(cfg::local_user_problem(ok, cfg::MountType::smb));
  }
  for (const char* bad :
       {"-alice", "al ice", "alice,uid=0", "a/b", "alice:x", "abcdefghijklmnopqrstuvwxyz0123456"}) {
    CAPTURE(bad);
    CHECK(cfg::local_user_problem(bad, cfg::MountType::command));
  }
  CHECK(cfg::local_user_problem("alice", cfg::MountType::nfs));
  auto parsed = cfg::parse(smb_with("alice", "nfs"), "config.toml");
  REQUIRE_FALSE(parsed);
  CHECK_THAT(parsed.error(), Catch::Contains("config.toml:8: mount \"photos\": local_user: is for "
                                             "smb and command mounts only"));
}

TEST_CASE("parse keeps local_user and leaves its ids to load", "[config][local_user]") {
  auto parsed = cfg::parse(smb_with("alice"), "config.toml");
  REQUIRE(parsed);
  CHECK(parsed->mounts[0].local_user == "alice");
  CHECK(parsed->mounts[0].local_uid == -1);
}

TEST_CASE("resolving local users fills the ids or refuses each missing user by line",
          "[config][local_user]") {
  auto parsed = cfg::parse(smb_with("alice"), "/etc/mb.toml");
  REQUIRE(parsed);
  auto lookup = [](const std::string& name) -> std::optional<cfg::UserIds> {
    if (name == "alice") return cfg::UserIds{501, 20};
    return std::nullopt;
  };
  cfg::Config found = *parsed;
  REQUIRE(cfg::resolve_local_users(found, lookup));
  CHECK(found.mounts[0].local_uid == 501);
  CHECK(found.mounts[0].local_gid == 20);

  cfg::Config missing = *parsed;
  missing.mounts[0].local_user = "bob";
  auto st = cfg::resolve_local_users(missing, lookup);
  REQUIRE_FALSE(st);
  CHECK(st.error() ==
        "/etc/mb.toml:1: mount \"photos\": local_user \"bob\" does not exist on this machine; "
        "create the account or remove local_user (the share is then mounted as root)");
}
