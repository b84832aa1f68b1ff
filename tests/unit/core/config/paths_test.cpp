#include "core/config/paths.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace mb::core::config;

TEST_CASE("paths: a mountpoint is written canonical, so it compares as text") {
  CHECK_FALSE(mountpoint_problem("/mnt/photos"));
  CHECK_FALSE(mountpoint_problem("/a"));
  CHECK_FALSE(mountpoint_problem("/mnt/with space/.hidden"));
  CHECK(mountpoint_problem("mnt/photos") == "must be an absolute path");
  CHECK(mountpoint_problem("") == "must be an absolute path");
  CHECK(mountpoint_problem("/") == "must not be \"/\" itself");
  CHECK(mountpoint_problem("/mnt/photos/") == "must not end with \"/\"");
  CHECK(mountpoint_problem("/mnt//photos") == "must not contain \"//\"");
  CHECK(mountpoint_problem("/mnt/./photos") == "must not contain \".\" or \"..\" components");
  CHECK(mountpoint_problem("/mnt/..") == "must not contain \".\" or \"..\" components");
  CHECK(mountpoint_problem("/mnt/a\nb") == "must not contain control characters");
}

TEST_CASE("paths: normal_path is lexical and never climbs above the root") {
  CHECK(normal_path("/var/lib/mount-broker") == "/var/lib/mount-broker");
  CHECK(normal_path("/var//lib/./mount-broker/") == "/var/lib/mount-broker");
  CHECK(normal_path("/var/lib/../run") == "/var/run");
  CHECK(normal_path("/../../etc") == "/etc");
  CHECK(normal_path("/") == "/");
  CHECK(normal_path("") == "/");
  CHECK(normal_path("/a/b/../..") == "/");
}

TEST_CASE("paths: is_within is by whole components") {
  CHECK(is_within("/mnt/a", "/mnt/a"));
  CHECK(is_within("/mnt/a/b", "/mnt/a"));
  CHECK(is_within("/anything", "/"));
  CHECK_FALSE(is_within("/mnt/ab", "/mnt/a"));
  CHECK_FALSE(is_within("/mnt", "/mnt/a"));
}

TEST_CASE("paths: absolute paths and control characters") {
  CHECK(is_absolute_path("/x"));
  CHECK_FALSE(is_absolute_path("x"));
  CHECK_FALSE(is_absolute_path(""));
  CHECK(has_control_char("a\tb"));
  CHECK(has_control_char(std::string("a\0b", 3)));
  CHECK(has_control_char("\x7f"));
  CHECK_FALSE(has_control_char("caf\xC3\xA9 /mnt"));
}
