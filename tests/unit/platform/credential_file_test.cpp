#include "platform/credential_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace be = mb::platform;

namespace {

const std::string kSecret = "c0rrect-horse-battery";

using mb::test::TempDir;

// The read failed, the message names the file and says `fix`, and it never shows the secret.
void check_refused(const TempDir& dir, const std::string& name, const std::string& fix) {
  auto got = be::read_credential(dir.path(), name);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::Contains(dir.path() + "/" + name));
  CHECK_THAT(got.error(), Catch::Contains(fix));
  CHECK_THAT(got.error(), !Catch::Contains(kSecret));
}

}  // namespace

TEST_CASE("a root-only credential file yields its password without the final newline",
          "[backends][credential]") {
  struct Case {
    std::string content;
    std::string password;
  };
  auto c = GENERATE(values<Case>({
      {kSecret, kSecret},
      {kSecret + "\n", kSecret},
      {kSecret + "\r\n", kSecret},
      {" spaces stay ", " spaces stay "},
      {"p,w%\"'$", "p,w%\"'$"},
  }));
  TempDir dir;
  dir.write("photos", c.content, 0600);
  auto got = be::read_credential(dir.path(), "photos");
  REQUIRE(got);
  REQUIRE(got->has_value());
  CHECK(**got == c.password);
}

TEST_CASE("owner-only modes other than 0600 are accepted", "[backends][credential]") {
  TempDir dir;
  dir.write("photos", kSecret, 0400);
  CHECK(be::read_credential(dir.path(), "photos"));
}

TEST_CASE("a credential file that group or others can access is refused",
          "[backends][credential]") {
  auto mode = GENERATE(mode_t{0644}, mode_t{0640}, mode_t{0604}, mode_t{0660}, mode_t{0602});
  TempDir dir;
  dir.write("photos", kSecret, mode);
  check_refused(dir, "photos", "chmod 600 " + dir.path() + "/photos");
}

TEST_CASE("a symlinked credential file is refused, even to a good file", "[backends][credential]") {
  TempDir dir;
  const std::string target = dir.write("real", kSecret, 0600);
  REQUIRE(::symlink(target.c_str(), (dir.path() + "/photos").c_str()) == 0);
  check_refused(dir, "photos", "is a symlink");
}

TEST_CASE("a credential path that is not a regular file is refused", "[backends][credential]") {
  TempDir dir;
  SECTION("a directory") {
    REQUIRE(::mkdir((dir.path() + "/photos").c_str(), 0700) == 0);
  }
  SECTION("a FIFO, which must not block the read") {
    REQUIRE(::mkfifo((dir.path() + "/photos").c_str(), 0600) == 0);
  }
  check_refused(dir, "photos", "is not a regular file");
}

TEST_CASE("a credential file owned by someone else is refused", "[backends][credential]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot give a file away to test ownership");
    return;
  }
  TempDir dir;
  const std::string file = dir.write("photos", kSecret, 0600);
  REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
  check_refused(dir, "photos", "chown root " + file);
}

TEST_CASE("a missing credential file says how to create it", "[backends][credential]") {
  TempDir dir;
  auto got = be::read_credential(dir.path(), "photos");
  REQUIRE_FALSE(got);
  const std::string file = dir.path() + "/photos";
  CHECK(got.error() ==
        "credential file " + file + " does not exist; create it as root: mountctl setup photos");
}

TEST_CASE("a missing or shared credential directory is refused", "[backends][credential]") {
  TempDir dir;
  SECTION("missing") {
    auto got = be::read_credential(dir.path() + "/credentials", "photos");
    REQUIRE_FALSE(got);
    CHECK_THAT(got.error(), Catch::StartsWith("credential directory " + dir.path() +
                                              "/credentials does not exist; create it"));
  }
  SECTION("writable by others") {
    dir.write("photos", kSecret, 0600);
    REQUIRE(::chmod(dir.path().c_str(), 0777) == 0);
    auto got = be::read_credential(dir.path(), "photos");
    REQUIRE_FALSE(got);
    CHECK_THAT(got.error(), Catch::Contains("chmod 700 " + dir.path()));
  }
}

TEST_CASE("empty, multi-line and oversized credential files are refused without their content",
          "[backends][credential]") {
  struct Case {
    std::string content;
    std::string why;
  };
  auto c = GENERATE(values<Case>({
      {"", "is empty"},
      {"\n", "is empty"},
      {"\r\n", "is empty"},
      {kSecret + "\n\n", "more than one line"},
      {"username=alice\npassword=" + kSecret + "\n", "more than one line"},
      {kSecret + std::string(1, '\0') + "x", "NUL"},
      {std::string(5000, 'x') + kSecret, "larger than 4096 bytes"},
  }));
  TempDir dir;
  dir.write("photos", c.content, 0600);
  check_refused(dir, "photos", c.why);
}

TEST_CASE("a mount name cannot leave the credential directory", "[backends][credential]") {
  auto name = GENERATE(as<std::string>{}, "", ".", "..", "../photos", "a/b");
  TempDir dir;
  auto got = be::read_credential(dir.path(), name);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::StartsWith("invalid mount name"));
}

TEST_CASE("a symlinked credential directory is refused, even to a good one",
          "[backends][credential]") {
  TempDir dir;
  const std::string real = dir.path() + "/real";
  REQUIRE(::mkdir(real.c_str(), 0700) == 0);
  const std::string link = dir.path() + "/creds";
  REQUIRE(::symlink(real.c_str(), link.c_str()) == 0);
  auto got = be::read_credential(link, "photos");
  REQUIRE_FALSE(got);
  CHECK(got.error() == "credential directory " + link +
                           " is a symlink, which may point anywhere (or set [broker] "
                           "credentials_dir to the real directory); fix: rm " +
                           link + " && install -d -m 700 " + link);
}

TEST_CASE("the longest password is accepted with its line ending, one byte more is not",
          "[backends][credential]") {
  const std::string longest(be::kMaxCredentialBytes, 'x');
  TempDir dir;
  SECTION("with \\r\\n") {
    dir.write("photos", longest + "\r\n", 0600);
    auto got = be::read_credential(dir.path(), "photos");
    REQUIRE(got);
    CHECK(**got == longest);
  }
  SECTION("one byte too many") {
    dir.write("photos", longest + "x\n", 0600);
    check_refused(dir, "photos", "larger than 4096 bytes");
  }
  SECTION("far too many") {
    dir.write("photos", longest + longest, 0600);
    check_refused(dir, "photos", "larger than 4096 bytes");
  }
}

TEST_CASE("the password is read into one buffer sized up front, never grown by copying",
          "[backends][credential]") {
  // A buffer that grows as it reads leaves the bytes read so far in freed memory, unwiped;
  // one allocated for the longest file before reading is never reallocated.
  TempDir dir;
  dir.write("photos", kSecret + "\n", 0600);
  auto got = be::read_credential(dir.path(), "photos");
  REQUIRE(got);
  CHECK(**got == kSecret);
  CHECK((*got)->capacity() >= be::kMaxCredentialBytes + 3);
}
