#include "mountctl/doctor/config_check.hpp"

#include <catch2/catch.hpp>

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
