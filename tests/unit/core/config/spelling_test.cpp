#include "core/config/spelling.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <string_view>

using namespace mb::core::config;

namespace {
constexpr std::array<std::string_view, 5> kKeys{"mountpoint", "server", "share", "username",
                                                "idle_exit_sec"};
}

TEST_CASE("spelling: a typo suggests the closest key") {
  CHECK(closest("mountpiont", kKeys) == "mountpoint");
  CHECK(closest("sever", kKeys) == "server");
  CHECK(closest("user_name", kKeys) == "username");
  CHECK(closest("idle_exit_secs", kKeys) == "idle_exit_sec");
  CHECK(closest("MountPoint", kKeys) == "mountpoint");  // case does not count
}

TEST_CASE("spelling: nothing is suggested for a word that is not close") {
  CHECK_FALSE(closest("password", kKeys));
  CHECK_FALSE(closest("x", kKeys));
  CHECK_FALSE(closest("anything", std::span<const std::string_view>{}));
  // About one edit per four letters: two edits in a five-letter word are too many.
  CHECK(closest("shar", kKeys) == "share");
  CHECK_FALSE(closest("shxxe", std::array<std::string_view, 1>{"share"}));
  // At most three, however long the word.
  CHECK(closest("idle_exyt_sxxc", kKeys) == "idle_exit_sec");
  CHECK_FALSE(closest("idlx_exyt_sxxz", kKeys));
}

TEST_CASE("spelling: the first of two equally close keys wins") {
  constexpr std::array<std::string_view, 2> keys{"share", "shard"};
  CHECK(closest("sharx", keys) == "share");
}

TEST_CASE("spelling: a swap of two neighbouring letters is one typo, not two") {
  const std::array<std::string_view, 3> words{"status", "sweep", "mountpoint"};
  CHECK(closest("stauts", words) == std::optional<std::string_view>("status"));
  CHECK(closest("mountpiont", words) == std::optional<std::string_view>("mountpoint"));
  CHECK(closest("STATSU", words) == std::optional<std::string_view>("status"));
  CHECK_FALSE(closest("reboot", words));
}
