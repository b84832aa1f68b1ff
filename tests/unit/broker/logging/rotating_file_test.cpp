#include "broker/logging/rotating_file.hpp"

#include <fcntl.h>
#include <spdlog/logger.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace lg = mb::broker::logging;
namespace fs = std::filesystem;

namespace {

using mb::test::TempDir;

std::string read_log(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A logger that writes only the message, so sizes are easy to count: "NN.........\n".
std::shared_ptr<spdlog::logger> logger_for(const lg::FileSettings& s) {
  auto sink = lg::RotatingFile::open(s);
  INFO((sink ? std::string() : sink.error()));
  REQUIRE(sink.ok());
  auto logger = std::make_shared<spdlog::logger>("rotating-file-test", *sink);
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::trace);
  return logger;
}

// 30 bytes with the newline; starts with its number.
std::string line(int n) {
  std::string s = std::to_string(n);
  return s + std::string(29 - s.size(), '.');
}

}  // namespace

TEST_CASE("rotated files are named PATH.1, PATH.2, ... like logrotate's") {
  CHECK(lg::rotated_name("/var/log/mount-broker.log", 0) == "/var/log/mount-broker.log");
  CHECK(lg::rotated_name("/var/log/mount-broker.log", 1) == "/var/log/mount-broker.log.1");
  CHECK(lg::rotated_name("/var/log/mb", 12) == "/var/log/mb.12");
}

TEST_CASE("each line is in the file as soon as it is logged, without a flush") {
  TempDir t;
  auto logger = logger_for({t.file("b.log"), 1000, 2});
  logger->info("scratch: mounted -> recovering (probe)");
  CHECK(read_log(t.file("b.log")) == "scratch: mounted -> recovering (probe)\n");
  logger->warn("second");
  CHECK(read_log(t.file("b.log")) == "scratch: mounted -> recovering (probe)\nsecond\n");
}

TEST_CASE("a new log file is created 0640, not with the umask's default") {
  TempDir t;
  const mode_t old = ::umask(022);
  auto logger = logger_for({t.file("b.log"), 1000, 2});
  ::umask(old);
  struct stat st {};
  REQUIRE(::stat(t.file("b.log").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
}

TEST_CASE("a full file is renamed to .1, older ones shift, and at most max_files are kept") {
  TempDir t;
  auto logger = logger_for({t.file("b.log"), 100, 2});  // three 30-byte lines per file
  for (int i = 1; i <= 20; ++i) logger->info(line(i));
  CHECK(read_log(t.file("b.log")) == line(19) + "\n" + line(20) + "\n");
  CHECK(read_log(t.file("b.log.1")) == line(16) + "\n" + line(17) + "\n" + line(18) + "\n");
  CHECK(read_log(t.file("b.log.2")) == line(13) + "\n" + line(14) + "\n" + line(15) + "\n");
  CHECK_FALSE(fs::exists(t.file("b.log.3")));
  for (const char* f : {"b.log", "b.log.1", "b.log.2"}) CHECK(fs::file_size(t.file(f)) <= 100);
}

TEST_CASE("an existing file is appended to, and what it holds counts towards the size") {
  TempDir t;
  std::ofstream(t.file("b.log")) << std::string(89, 'x') << "\n";
  auto logger = logger_for({t.file("b.log"), 100, 3});
  logger->info(line(1));  // 90 + 30 > 100: the old content goes to .1 first
  CHECK(read_log(t.file("b.log.1")) == std::string(89, 'x') + "\n");
  CHECK(read_log(t.file("b.log")) == line(1) + "\n");
}

TEST_CASE("a line longer than the size limit is still written, alone in its file") {
  TempDir t;
  auto logger = logger_for({t.file("b.log"), 10, 2});
  logger->info("short");
  logger->info(line(1));
  CHECK(read_log(t.file("b.log")) == line(1) + "\n");
  CHECK(read_log(t.file("b.log.1")) == "short\n");
}

TEST_CASE("old files beyond max_files, left by a larger setting, are removed on open") {
  TempDir t;
  for (const char* f : {"b.log", "b.log.1", "b.log.2", "b.log.3", "b.log.4"})
    std::ofstream(t.file(f)) << f << "\n";
  auto logger = logger_for({t.file("b.log"), 1000, 2});
  CHECK(fs::exists(t.file("b.log.2")));
  CHECK_FALSE(fs::exists(t.file("b.log.3")));
  CHECK_FALSE(fs::exists(t.file("b.log.4")));
  CHECK(read_log(t.file("b.log")) == "b.log\n");
}

TEST_CASE("a symlink, a directory or a FIFO at the path is refused, without blocking") {
  TempDir t;
  std::ofstream(t.file("target")) << "";
  fs::create_symlink(t.file("target"), t.file("link.log"));
  auto link = lg::RotatingFile::open({t.file("link.log"), 100, 2});
  REQUIRE_FALSE(link.ok());
  CHECK(link.error() ==
        "log file " + t.file("link.log") + " is a symlink; point log_file at a regular file");

  fs::create_directory(t.file("dir.log"));
  auto dir = lg::RotatingFile::open({t.file("dir.log"), 100, 2});
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.error() == "log file " + t.file("dir.log") +
                           " is not a regular file; point log_file at a regular file");

  REQUIRE(::mkfifo(t.file("fifo.log").c_str(), 0600) == 0);
  auto fifo = lg::RotatingFile::open({t.file("fifo.log"), 100, 2});
  REQUIRE_FALSE(fifo.ok());
  CHECK(fifo.error().find("is not a regular file") != std::string::npos);
}

TEST_CASE("a file in a missing directory is refused with the reason") {
  TempDir t;
  auto r = lg::RotatingFile::open({t.file("no/such/dir/b.log"), 100, 2});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() ==
        "cannot open log file " + t.file("no/such/dir/b.log") + ": No such file or directory");
}

TEST_CASE("a log file another process holds locked is refused, and used once it is free") {
  // Two brokers with different state directories and one log_file: only one writes.
  TempDir t;
  auto first = lg::RotatingFile::open({t.file("b.log"), 1000, 2});
  REQUIRE(first.ok());
  auto second = lg::RotatingFile::open({t.file("b.log"), 1000, 2});
  REQUIRE_FALSE(second.ok());
  CHECK(second.error() == "log file " + t.file("b.log") +
                              " is in use by another process (another mount-broker with a "
                              "different state_dir?); give each broker its own log_file");
  first.value().reset();
  CHECK(lg::RotatingFile::open({t.file("b.log"), 1000, 2}).ok());
}

TEST_CASE(
    "the log file stays locked across a rotation, and nothing is written while it is not ours") {
  TempDir t;
  {
    auto logger = logger_for({t.file("b.log"), 100, 2});
    for (int i = 1; i <= 4; ++i) logger->info(line(i));  // the fourth line starts a new file
    REQUIRE(read_log(t.file("b.log.1")) == line(1) + "\n" + line(2) + "\n" + line(3) + "\n");
    CHECK_FALSE(lg::RotatingFile::open({t.file("b.log"), 100, 2}).ok());
  }
  // Held by someone else (a flock of another open file): a new sink is refused and the
  // file gets nothing.
  const int other = ::open(t.file("b.log").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(other >= 0);
  REQUIRE(::flock(other, LOCK_EX | LOCK_NB) == 0);
  CHECK_FALSE(lg::RotatingFile::open({t.file("b.log"), 100, 2}).ok());
  CHECK(read_log(t.file("b.log")) == line(4) + "\n");
  ::close(other);
}
