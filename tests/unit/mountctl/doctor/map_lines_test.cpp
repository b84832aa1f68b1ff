#include "mountctl/doctor/map_lines.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("logical lines: words split on blanks, continuations joined, numbered by first line") {
  auto l = map_lines("a  b\tc\r\n# comment\n\nd \\\n e\\\nf\ng");
  REQUIRE(l.size() == 3);
  CHECK(l[0].line == 1);
  CHECK(l[0].words == std::vector<std::string>{"a", "b", "c"});
  CHECK(l[1].line == 4);
  CHECK(l[1].words == std::vector<std::string>{"d", "e", "f"});
  CHECK(l[2].line == 7);
  CHECK(l[2].words == std::vector<std::string>{"g"});
}
