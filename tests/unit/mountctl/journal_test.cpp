#include "mountctl/journal.hpp"

#include <catch2/catch.hpp>

TEST_CASE("journal lines about a mount name it before a colon, as a word") {
  const std::string out =
      "2026-11-21T20:18:45+0000 host mount-broker[42]: photos: unmounted -> mounting\n"
      "2026-11-21T20:18:45+0000 host mount-broker[42]: myphotos: unmounted -> mounting\n"
      "2026-11-21T20:18:46+0000 host mount-broker[42]: info: photos: mounting -> mounted\n";
  auto lines = mb::ctl::journal_lines_about(out, "photos", 10);
  REQUIRE(lines.size() == 2);
  CHECK_THAT(lines[1], Catch::EndsWith("mounting -> mounted"));
  CHECK(mb::ctl::journal_lines_about(out, "photos", 1).size() == 1);
}
