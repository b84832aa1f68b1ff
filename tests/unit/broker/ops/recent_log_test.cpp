#include "broker/ops/recent_log.hpp"

#include <catch2/catch.hpp>

using mb::broker::ops::lines_about;

TEST_CASE("the log lines about one mount are those whose message starts with its name") {
  const std::string text =
      "2026-11-21T20:18:45.120+00:00 mount-broker[42] info: photos: unmounted -> mounting\n"
      "2026-11-21T20:18:45.130+00:00 mount-broker[42] info: photos2: unmounted -> mounting\n"
      "2026-11-21T20:18:45.140+00:00 mount-broker[42] warn: client uid 5: photos: refused\n"
      "2026-11-21T20:18:46.000+00:00 mount-broker[42] error: photos: mount failed: auth\n"
      "no prefix photos: at all\n"
      "2026-11-21T20:18:47.000+00:00 mount-broker[42] info: photos: mounting -> failed";
  auto all = lines_about(text, "photos", 10);
  REQUIRE(all.size() == 3);
  CHECK_THAT(all[0], Catch::EndsWith("photos: unmounted -> mounting"));
  CHECK_THAT(all[2], Catch::EndsWith("photos: mounting -> failed"));
  auto last = lines_about(text, "photos", 2);
  REQUIRE(last.size() == 2);
  CHECK_THAT(last[0], Catch::EndsWith("mount failed: auth"));
  CHECK(lines_about(text, "other", 10).empty());
}
