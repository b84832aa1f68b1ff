#include "mountctl/doctor/shell_quote.hpp"

#include <catch2/catch.hpp>

using mb::ctl::doctor::shell_quote;

TEST_CASE("paths a shell takes literally stay as they are, others are single-quoted") {
  CHECK(shell_quote("/etc/mount-broker/config.toml") == "/etc/mount-broker/config.toml");
  CHECK(shell_quote("/mnt/my share") == "'/mnt/my share'");
  CHECK(shell_quote("/mnt/it's") == "'/mnt/it'\\''s'");
  CHECK(shell_quote("/mnt/$HOME") == "'/mnt/$HOME'");
  CHECK(shell_quote("") == "''");
}
