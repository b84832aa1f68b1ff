#include "mountctl/doctor/config_check.hpp"

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.hpp"

using namespace mb::ctl::doctor;

TEST_CASE("each line of the loader's message is a problem of its own, verbatim") {
  auto f = invalid_config("/etc/mb/config.toml",
                          "/etc/mb/config.toml:3: [broker] idle_exit: unknown key\n"
                          "/etc/mb/config.toml:9: mount \"p\": options must include \"soft\"");
  REQUIRE(f.size() == 2);
  CHECK(f[0].status == Status::problem);
  CHECK(f[0].message == "/etc/mb/config.toml:3: [broker] idle_exit: unknown key");
  CHECK(f[1].message == "/etc/mb/config.toml:9: mount \"p\": options must include \"soft\"");
  CHECK(f[1].fix ==
        "${EDITOR:-vi} /etc/mb/config.toml && mount-broker --check-config /etc/mb/config.toml");
}

TEST_CASE("doctor reports a local_user this machine does not have, with the mount's line",
          "[doctor][local_user]") {
  mb::test::TempDir dir;
  const std::string path = dir.write("config.toml",
                                     "[[mount]]\nname = \"photos\"\ntype = \"smb\"\n"
                                     "server = \"nas\"\nshare = \"photos\"\n"
                                     "mountpoint = \"/mnt/photos\"\noptions = [\"soft\"]\n"
                                     "local_user = \"mb-no-such-user-x\"\n",
                                     0644);
  auto out = check_config(path, "sudo mountctl doctor");
  bool reported = false;
  for (const auto& f : out.findings)
    reported = reported || (f.status == Status::problem &&
                            f.message == path + ":1: mount \"photos\": local_user "
                                                "\"mb-no-such-user-x\" does not exist on this "
                                                "machine; create the account or remove local_user "
                                                "(the share is then mounted as root)");
  CHECK(reported);
  CHECK_FALSE(out.config);
}
