#include "mountctl/unknown_command.hpp"

#include <catch2/catch.hpp>

using mb::ctl::unknown_command;

namespace {
const mb::ctl::CommandLine kCli{{"status", "list", "mount", "unmount", "umount", "sweep"},
                                {"--socket", "--connect-timeout"}};
}

TEST_CASE("an unknown command names itself and the command it is closest to") {
  CHECK(unknown_command({"stauts"}, kCli) ==
        "unknown command \"stauts\" (did you mean status?); mountctl --help lists the commands");
  CHECK(unknown_command({"--json", "swep"}, kCli).value().starts_with(
      "unknown command \"swep\" (did you mean sweep?)"));
  CHECK(unknown_command({"frobnicate"}, kCli).value().starts_with(
      "unknown command \"frobnicate\"; "));
}

TEST_CASE("known commands, aliases and option values are not unknown commands") {
  CHECK_FALSE(unknown_command({"status", "photos"}, kCli));
  CHECK_FALSE(unknown_command({"umount", "photos"}, kCli));
  CHECK_FALSE(unknown_command({"--socket", "/tmp/s", "status"}, kCli));
  CHECK_FALSE(unknown_command({"--socket=/tmp/s", "--json", "list", "mounted"}, kCli));
  CHECK_FALSE(unknown_command({}, kCli));
  CHECK_FALSE(unknown_command({"--help"}, kCli));
}
