#include "util/durable_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.hpp"
#include "util/unique_fd.hpp"

namespace fs = std::filesystem;

namespace {

using mb::test::TempDir;

std::string content_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("replace_file_at writes into the directory it holds, even once the path moved",
          "[util][durable_file]") {
  TempDir t;
  const std::string dir = t.path() + "/d";
  REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
  mb::util::UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  REQUIRE(fd.valid());
  REQUIRE(::rename(dir.c_str(), (t.path() + "/moved").c_str()) == 0);
  REQUIRE(::mkdir(dir.c_str(), 0700) == 0);  // someone else's directory at the old path

  REQUIRE(mb::util::replace_file_at(fd.get(), dir, "f", "new", 0640));
  CHECK(content_of(t.path() + "/moved/f") == "new");
  CHECK(mode_of(t.path() + "/moved/f") == 0640);
  CHECK(fs::is_empty(dir));
  CHECK(fs::directory_iterator(t.path() + "/moved")->path().filename() == "f");  // no temp
}

TEST_CASE("replace_file_at never writes through a symlink at its temp name",
          "[util][durable_file]") {
  TempDir t;
  const std::string victim = t.path() + "/victim";
  std::ofstream(victim) << "untouched";
  const std::string dir = t.path() + "/d";
  REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
  const std::string tmp = dir + "/.f.tmp-" + std::to_string(::getpid());
  REQUIRE(::symlink(victim.c_str(), tmp.c_str()) == 0);
  mb::util::UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  REQUIRE(mb::util::replace_file_at(fd.get(), dir, "f", "new", 0600));
  CHECK(content_of(victim) == "untouched");
  CHECK(content_of(dir + "/f") == "new");
  CHECK_FALSE(fs::exists(fs::symlink_status(tmp)));
}

TEST_CASE("replace_file keeps its behaviour: 0600 whatever the umask, old file kept on failure",
          "[util][durable_file]") {
  TempDir t;
  const mode_t old_mask = ::umask(0);
  auto saved = mb::util::replace_file(t.path(), "state.json", "{}");
  ::umask(old_mask);
  REQUIRE(saved);
  CHECK(content_of(t.path() + "/state.json") == "{}");
  CHECK(mode_of(t.path() + "/state.json") == 0600);

  REQUIRE(::mkdir((t.path() + "/taken").c_str(), 0700) == 0);
  auto refused = mb::util::replace_file(t.path(), "taken", "x");
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error(),
             Catch::StartsWith("saving " + t.path() + "/taken failed (the old file is unchanged)"));
  auto missing = mb::util::replace_file(t.path() + "/nope", "f", "x");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error(), Catch::Contains("open " + t.path() + "/nope"));
}

TEST_CASE("read_file_if_exists reads a whole file, sized or not, and says when there is none",
          "[util][durable_file]") {
  TempDir t;
  std::string big;
  for (int i = 0; big.size() < 300'000; ++i) big += "line " + std::to_string(i) + "\n";
  auto read = mb::util::read_file_if_exists(t.write("big", big));
  REQUIRE(read);
  REQUIRE(read->has_value());
  CHECK(**read == big);
  auto empty = mb::util::read_file_if_exists(t.write("empty", ""));
  REQUIRE(empty);
  CHECK(*empty == std::optional<std::string>(""));
  // A file whose size stat does not tell (0) is read to its end all the same.
  auto proc = mb::util::read_file_if_exists("/proc/self/status");
  REQUIRE(proc);
  REQUIRE(proc->has_value());
  CHECK_THAT(**proc, Catch::Contains("Name:") && Catch::Contains("Pid:"));
  auto none = mb::util::read_file_if_exists(t.file("missing"));
  REQUIRE(none);
  CHECK_FALSE(none->has_value());
}
