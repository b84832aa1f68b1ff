#include "mountctl/secret.hpp"

#include <catch2/catch.hpp>
#include <string>

using mb::ctl::InputError;
using mb::ctl::Secret;
using mb::ctl::take_one_line;

namespace {

const std::string kTypedSecret = "c0rrect-horse-battery";

void fill(Secret& s, const std::string& text) {
  for (char c : text) REQUIRE(s.push_back(c));
}

}  // namespace

TEST_CASE("a secret never grows past its capacity", "[mountctl][secret]") {
  Secret s(4);
  fill(s, "abcd");
  CHECK(s.full());
  CHECK_FALSE(s.push_back('e'));
  CHECK(s.view() == "abcd");
  s.truncate(1);
  CHECK(s.view() == "a");
  CHECK(s.spare_size() == 3);
  s.spare()[0] = 'x';
  s.commit(1);
  CHECK(s.view() == "ax");
}

TEST_CASE("truncating wipes the dropped bytes", "[mountctl][secret]") {
  Secret s(8);
  fill(s, "secret");
  const char* p = s.view().data();
  s.truncate(2);
  CHECK(std::string(p + 2, 4) == std::string(4, '\0'));
}

TEST_CASE("one password line loses exactly one line ending", "[mountctl][secret]") {
  struct Case {
    std::string input;
    std::string password;
  };
  auto c = GENERATE(values<Case>({
      {kTypedSecret, kTypedSecret},
      {kTypedSecret + "\n", kTypedSecret},
      {kTypedSecret + "\r\n", kTypedSecret},
      {" spaces stay ", " spaces stay "},
      {"tab\tstays\n", "tab\tstays"},
  }));
  Secret s(mb::ctl::line_capacity(64));
  fill(s, c.input);
  REQUIRE_FALSE(take_one_line(s, "stdin", 64));
  CHECK(s.view() == c.password);
}

TEST_CASE("empty input, several lines, a NUL byte or too much is refused without echoing it",
          "[mountctl][secret]") {
  struct Case {
    std::string input;
    std::string why;
  };
  auto c = GENERATE(values<Case>({
      {"", "no password on stdin"},
      {"\n", "no password on stdin"},
      {"\r\n", "no password on stdin"},
      {kTypedSecret + "\n\n", "more than one line on stdin"},
      {kTypedSecret + "\nsecond line\n", "more than one line on stdin"},
      {kTypedSecret + "\r", "more than one line on stdin"},
      {kTypedSecret + "\n\r\n", "more than one line on stdin"},
      {kTypedSecret + std::string(1, '\0') + "x\n", "holds a NUL byte"},
      {kTypedSecret + std::string(50, 'x'), "longer than 64 bytes"},
  }));
  Secret s(mb::ctl::line_capacity(64) + 16);
  fill(s, c.input);
  auto problem = take_one_line(s, "stdin", 64);
  REQUIRE(problem);
  CHECK(problem->kind == InputError::bad_input);
  CHECK_THAT(problem->message, Catch::Contains(c.why));
  CHECK_THAT(problem->message, !Catch::Contains(kTypedSecret));
}
