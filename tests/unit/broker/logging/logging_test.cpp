#include "broker/logging/logging.hpp"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace lg = mb::broker::logging;
namespace fs = std::filesystem;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A private default logger (null sink) and directory for one test; restores the old logger.
class LoggingFixture {
 public:
  LoggingFixture() : previous_(spdlog::default_logger()) {
    std::string tmpl = "/tmp/mb-logging-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    dir_ = tmpl;
    auto logger = std::make_shared<spdlog::logger>("logging-test",
                                                   std::make_shared<spdlog::sinks::null_sink_st>());
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  ~LoggingFixture() {
    lg::close_file();
    spdlog::set_default_logger(previous_);
    fs::remove_all(dir_);
  }
  std::string file(const std::string& name) const { return dir_ + "/" + name; }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::string dir_;
};

}  // namespace

TEST_CASE("the log file gets the stderr line format: time with zone, pid, level, message") {
  LoggingFixture f;
  REQUIRE(lg::use_file({f.file("b.log"), 4096, 2}).ok());
  spdlog::warn("scratch: lost: nothing is mounted there");
  const std::string text = read(f.file("b.log"));
  const std::string pid = std::to_string(::getpid());
  // 2026-11-21T20:18:41.123+00:00 mount-broker[4242] warning: scratch: lost: ...
  CHECK_THAT(text,
             Catch::Matches(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d mount-broker\[)" +
                            pid + R"(\] warning: scratch: lost: nothing is mounted there\n)"));
}

TEST_CASE("the same settings again keep the open file, and new settings switch files") {
  LoggingFixture f;
  REQUIRE(lg::use_file({f.file("a.log"), 4096, 2}).ok());
  spdlog::info("one");
  REQUIRE(lg::use_file({f.file("a.log"), 4096, 2}).ok());
  spdlog::info("two");
  CHECK(read(f.file("a.log")).find("one\n") != std::string::npos);
  CHECK(read(f.file("a.log")).find("two\n") != std::string::npos);
  REQUIRE(lg::use_file({f.file("b.log"), 4096, 2}).ok());
  spdlog::info("three");
  CHECK(read(f.file("a.log")).find("three") == std::string::npos);
  CHECK(read(f.file("b.log")).find("three\n") != std::string::npos);
}

TEST_CASE("an empty path, or close_file, stops writing to the file") {
  LoggingFixture f;
  REQUIRE(lg::use_file({f.file("a.log"), 4096, 2}).ok());
  REQUIRE(lg::use_file({}).ok());
  spdlog::info("after");
  CHECK(read(f.file("a.log")).empty());
  REQUIRE(lg::use_file({f.file("a.log"), 4096, 2}).ok());
  lg::close_file();
  spdlog::info("closed");
  CHECK(read(f.file("a.log")).empty());
  CHECK(spdlog::default_logger()->sinks().size() == 1);
}

TEST_CASE("a log file that cannot be opened is an error, and logging goes on without it") {
  LoggingFixture f;
  auto st = lg::use_file({f.file("missing/b.log"), 4096, 2});
  REQUIRE_FALSE(st.ok());
  CHECK(st.error() ==
        "cannot open log file " + f.file("missing/b.log") + ": No such file or directory");
  CHECK(spdlog::default_logger()->sinks().size() == 1);
  spdlog::info("still logging");
}
