#include "broker/effects/helper_log_tail.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/support/temp_dir.hpp"

using namespace mb::broker::effects;

namespace {
void append(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::app) << text;
}
}  // namespace

TEST_CASE("only what the helper added to its log during the attempt is read") {
  mb::test::TempDir dir;
  const std::string log = dir.write("rclone.log", "old: an earlier run's failure\n");
  const LogMark mark = mark_log(log);
  append(log, "Failed to create file system: The attempted logon is invalid.\n");
  CHECK(read_since(mark) == "Failed to create file system: The attempted logon is invalid.\n");
}

TEST_CASE("a log that did not exist before is read from its start") {
  mb::test::TempDir dir;
  const LogMark mark = mark_log(dir.file("new.log"));
  CHECK(mark.size == 0);
  dir.write("new.log", "NT_STATUS_LOGON_FAILURE\n");
  CHECK(read_since(mark) == "NT_STATUS_LOGON_FAILURE\n");
}

TEST_CASE("a log that shrank (rotated) is read from its start, a huge one only at its end") {
  mb::test::TempDir dir;
  const std::string log = dir.write("r.log", std::string(1000, 'x'));
  const LogMark mark = mark_log(log);
  dir.write("r.log", "rotated\n");
  CHECK(read_since(mark) == "rotated\n");

  const LogMark empty = mark_log(dir.write("big.log", ""));
  append(dir.file("big.log"), std::string(100 * 1024, 'y') + "the end\n");
  const std::string tail = read_since(empty);
  CHECK(tail.size() == 16 * 1024);
  CHECK(tail.substr(tail.size() - 8) == "the end\n");
}

TEST_CASE("no log, a symlink, a directory or a FIFO gives nothing and never blocks") {
  mb::test::TempDir dir;
  CHECK(read_since(LogMark{}).empty());
  CHECK(read_since(mark_log(dir.file("missing.log"))).empty());
  const std::string target = dir.write("target.log", "secret-ish\n");
  REQUIRE(::symlink(target.c_str(), dir.file("link.log").c_str()) == 0);
  CHECK(read_since(LogMark{dir.file("link.log"), 0}).empty());
  CHECK(read_since(LogMark{dir.path(), 0}).empty());
  REQUIRE(::mkfifo(dir.file("fifo").c_str(), 0600) == 0);
  CHECK(read_since(LogMark{dir.file("fifo"), 0}).empty());
}
