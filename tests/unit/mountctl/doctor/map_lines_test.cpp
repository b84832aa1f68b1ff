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

TEST_CASE("logical lines: a lone backslash before a blank line or the end yields no line") {
  CHECK(map_lines("\\\n\n").empty());
  CHECK(map_lines("\\").empty());
  CHECK(map_lines("  \\\n  \\\n").empty());
  auto l = map_lines("a\n\\\n\nb\n\\");
  REQUIRE(l.size() == 2);
  CHECK(l[0].words == std::vector<std::string>{"a"});
  CHECK(l[1].line == 4);
  CHECK(l[1].words == std::vector<std::string>{"b"});
}

TEST_CASE("logical lines know the physical line they end on") {
  auto l = map_lines("a\nb \\\n c \\\n d\ne \\\n");
  REQUIRE(l.size() == 3);
  CHECK(l[0].line == 1);
  CHECK(l[0].last_line == 1);
  CHECK(l[1].line == 2);
  CHECK(l[1].last_line == 4);
  CHECK(l[2].line == 5);
  CHECK(l[2].last_line == 5);
}
