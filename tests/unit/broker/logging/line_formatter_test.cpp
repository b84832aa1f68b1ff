#include "broker/logging/line_formatter.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

namespace lg = mb::broker::logging;

namespace {

std::string formatted(spdlog::level::level_enum level, std::string_view text,
                      lg::LineStyle style = lg::LineStyle::full) {
  spdlog::details::log_msg msg("mount-broker", level,
                               spdlog::string_view_t(text.data(), text.size()));
  lg::LineFormatter f(style);
  spdlog::memory_buf_t out;
  f.format(msg, out);
  return std::string(out.data(), out.size());
}

const std::string kPrefix = R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d mount-broker\[)";

}  // namespace

TEST_CASE("a line is the local time with its zone, mount-broker[PID], the level and the message") {
  const std::string pid = std::to_string(::getpid());
  CHECK_THAT(
      formatted(spdlog::level::info, "scratch: recovering -> mounted (recovered)"),
      Catch::Matches(kPrefix + pid + R"(\] info: scratch: recovering -> mounted \(recovered\)\n)"));
  CHECK_THAT(formatted(spdlog::level::warn, "x"),
             Catch::Matches(kPrefix + pid + R"(\] warning: x\n)"));
  CHECK_THAT(formatted(spdlog::level::err, "x"),
             Catch::Matches(kPrefix + pid + R"(\] error: x\n)"));
}

TEST_CASE("a message of several lines becomes several full lines") {
  const std::string pid = std::to_string(::getpid());
  const std::string line = kPrefix + pid + R"(\] error: )";
  CHECK_THAT(formatted(spdlog::level::err, "config: reload refused:\nc.toml:4: a\nc.toml:5: b"),
             Catch::Matches(line + "config: reload refused:\n" + line + "c.toml:4: a\n" + line +
                            "c.toml:5: b\n"));
}

TEST_CASE("a trailing newline adds no empty line but an empty line inside is kept") {
  const std::string pid = std::to_string(::getpid());
  const std::string line = kPrefix + pid + R"(\] info: )";
  CHECK_THAT(formatted(spdlog::level::info, "a\n"), Catch::Matches(line + "a\n"));
  CHECK_THAT(formatted(spdlog::level::info, "a\n\nb"),
             Catch::Matches(line + "a\n" + line + "\n" + line + "b\n"));
}

TEST_CASE("journal lines start with the sd-daemon priority and carry no time, pid or level") {
  const auto j = lg::LineStyle::journal;
  CHECK(formatted(spdlog::level::trace, "t", j) == "<7>t\n");
  CHECK(formatted(spdlog::level::debug, "client uid 0 pid 9: status", j) ==
        "<7>client uid 0 pid 9: status\n");
  CHECK(formatted(spdlog::level::info, "scratch: mounting -> mounted (user)", j) ==
        "<6>scratch: mounting -> mounted (user)\n");
  CHECK(formatted(spdlog::level::warn, "w", j) == "<4>w\n");
  CHECK(formatted(spdlog::level::err, "e", j) == "<3>e\n");
  CHECK(formatted(spdlog::level::critical, "c", j) == "<2>c\n");
}

TEST_CASE("under journald each line of a message of several lines has its priority") {
  CHECK(formatted(spdlog::level::err, "config: refused:\nc.toml:4: a\n", lg::LineStyle::journal) ==
        "<3>config: refused:\n<3>c.toml:4: a\n");
}

TEST_CASE("a copy of a journal formatter formats journal lines") {
  lg::LineFormatter f(lg::LineStyle::journal);
  auto copy = f.clone();
  spdlog::details::log_msg msg("mount-broker", spdlog::level::warn, "x");
  spdlog::memory_buf_t out;
  copy->format(msg, out);
  CHECK(std::string(out.data(), out.size()) == "<4>x\n");
}
