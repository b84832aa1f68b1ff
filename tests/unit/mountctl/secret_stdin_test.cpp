#include "mountctl/secret_stdin.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

using mb::ctl::InputError;
using mb::ctl::read_secret_line;
using mb::ctl::Secret;

namespace {

const std::string kStdinSecret = "c0rrect-horse-battery";
constexpr std::size_t kMax = 64;

// Feeds `input` through a pipe, as `printf ... | mountctl setup NAME --stdin` does. The
// inputs are far smaller than a pipe's buffer, so writing them all first cannot block.
std::optional<InputError> read_piped(const std::string& input, Secret& out) {
  int p[2];
  REQUIRE(::pipe(p) == 0);
  REQUIRE(::write(p[1], input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  ::close(p[1]);
  auto problem = read_secret_line(p[0], out, kMax);
  ::close(p[0]);
  return problem;
}

}  // namespace

TEST_CASE("setup --stdin takes one line from a pipe, without its line ending",
          "[mountctl][secret]") {
  auto input =
      GENERATE(as<std::string>{}, kStdinSecret, kStdinSecret + "\n", kStdinSecret + "\r\n");
  Secret s(mb::ctl::line_capacity(kMax));
  REQUIRE_FALSE(read_piped(input, s));
  CHECK(s.view() == kStdinSecret);
}

TEST_CASE("setup --stdin takes a password of exactly the longest length", "[mountctl][secret]") {
  Secret s(mb::ctl::line_capacity(kMax));
  REQUIRE_FALSE(read_piped(std::string(kMax, 'x') + "\r\n", s));
  CHECK(s.view() == std::string(kMax, 'x'));
}

TEST_CASE("setup --stdin refuses empty, multi-line and oversized input", "[mountctl][secret]") {
  struct Case {
    std::string input;
    std::string why;
  };
  auto c = GENERATE(values<Case>({
      {"", "no password on stdin"},
      {"\n", "no password on stdin"},
      {kStdinSecret + "\n" + kStdinSecret + "\n", "more than one line"},
      {kStdinSecret + std::string(1, '\0'), "NUL byte"},
      {std::string(kMax + 1, 'x'), "longer than 64 bytes"},
      {std::string(kMax, 'x') + "\r\nx", "longer than 64 bytes"},
      {std::string(kMax + 2, 'x') + "\n", "longer than 64 bytes"},
  }));
  Secret s(mb::ctl::line_capacity(kMax));
  auto problem = read_piped(c.input, s);
  REQUIRE(problem);
  CHECK(problem->kind == InputError::bad_input);
  CHECK_THAT(problem->message, Catch::Contains(c.why));
}

TEST_CASE("setup --stdin refuses a terminal, where the password would be echoed",
          "[mountctl][secret]") {
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(::grantpt(master) == 0);
  REQUIRE(::unlockpt(master) == 0);
  const int tty = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
  REQUIRE(tty >= 0);
  Secret s(mb::ctl::line_capacity(kMax));
  auto problem = read_secret_line(tty, s, kMax);
  ::close(tty);
  ::close(master);
  REQUIRE(problem);
  CHECK_THAT(problem->message, Catch::Contains("leave out --stdin to be asked without echo"));
}
