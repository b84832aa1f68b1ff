#include "core/activation/launchd_answer.hpp"

#include <catch2/catch.hpp>
#include <cerrno>

namespace act = mb::core::activation;

TEST_CASE("launchd's sockets are used when it hands them over", "[launchd]") {
  auto fds = act::launchd_answer(0, {5, 6});
  REQUIRE(fds);
  CHECK(*fds == std::vector<int>{5, 6});
}

TEST_CASE("not started by launchd, or no such socket: look further", "[launchd]") {
  for (int err : {ESRCH, ENOENT}) {
    auto fds = act::launchd_answer(err, {});
    REQUIRE(fds);
    CHECK(fds->empty());
  }
}

TEST_CASE("any other launchd error stops the broker instead of binding a socket", "[launchd]") {
  auto fds = act::launchd_answer(EPERM, {});
  REQUIRE_FALSE(fds);
  CHECK_THAT(fds.error(), Catch::Contains("launch_activate_socket"));
}
