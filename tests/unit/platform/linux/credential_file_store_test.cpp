#include "platform/credential_file_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "platform/credential_file.hpp"
#include "tests/support/temp_dir.hpp"

namespace pf = mb::platform;
namespace fs = std::filesystem;

namespace {

const std::string kStoredSecret = "c0rrect-horse-battery";

using mb::test::TempDir;

struct stat lstat_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st;
}

std::string stored_content(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void put(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

// Sets the umask for one scope.
struct Umask {
  explicit Umask(mode_t m) : old(::umask(m)) {}
  ~Umask() { ::umask(old); }
  mode_t old;
};

}  // namespace

TEST_CASE("a stored password reads back through read_credential, byte for byte",
          "[platform][credential_store]") {
  auto password = GENERATE(as<std::string>{}, kStoredSecret, " spaces stay ", "p,w%\"'$\\",
                           std::string("\xc3\xa9t\xc3\xa9"), std::string(4096, 'x'));
  TempDir t;
  auto path = pf::write_credential_file(t.path(), "photos", password);
  REQUIRE(path);
  CHECK(*path == t.path() + "/photos");
  CHECK(stored_content(*path) == password);  // no trailing newline
  auto back = pf::read_credential(t.path(), "photos");
  REQUIRE(back);
  CHECK(**back == password);
}

TEST_CASE("a missing credential directory is created 0700 with its parents, the file 0600",
          "[platform][credential_store]") {
  Umask wide(0);  // what a careless shell might have: the modes must not depend on it
  TempDir t;
  const std::string dir = t.path() + "/etc/credentials";
  REQUIRE(pf::check_credential_dir(dir));  // missing is fine: it will be created
  REQUIRE(pf::write_credential_file(dir, "photos", kStoredSecret));
  const auto d = lstat_of(dir);
  CHECK(S_ISDIR(d.st_mode));
  CHECK((d.st_mode & 07777) == 0700);
  CHECK(d.st_uid == ::geteuid());
  const auto f = lstat_of(dir + "/photos");
  CHECK(S_ISREG(f.st_mode));
  CHECK((f.st_mode & 07777) == 0600);
  CHECK(f.st_uid == ::geteuid());
  CHECK(f.st_nlink == 1);
}

TEST_CASE("the file is 0600 whatever the umask", "[platform][credential_store]") {
  auto mask = GENERATE(mode_t{0}, mode_t{022}, mode_t{077}, mode_t{0277}, mode_t{0777});
  Umask u(mask);
  TempDir t;
  REQUIRE(pf::write_credential_file(t.path() + "/creds", "photos", kStoredSecret));
  CHECK((lstat_of(t.path() + "/creds").st_mode & 07777) == 0700);
  CHECK((lstat_of(t.path() + "/creds/photos").st_mode & 07777) == 0600);
}

TEST_CASE("storing again replaces the old file by rename: a reader of the old one sees it whole",
          "[platform][credential_store]") {
  TempDir t;
  REQUIRE(pf::write_credential_file(t.path(), "photos", "old-password"));
  const std::string file = t.path() + "/photos";
  const ino_t old_inode = lstat_of(file).st_ino;
  const int old_fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(old_fd >= 0);

  REQUIRE(pf::write_credential_file(t.path(), "photos", kStoredSecret));
  CHECK(stored_content(file) == kStoredSecret);
  CHECK(lstat_of(file).st_ino != old_inode);  // a new file took the name; nothing was truncated
  char buf[64] = {};
  CHECK(::pread(old_fd, buf, sizeof buf, 0) == 12);
  CHECK(std::string(buf) == "old-password");
  ::close(old_fd);
  CHECK(entries(t.path()) == 1);  // no temp file left behind
}

TEST_CASE("a symlink or leftover at the file's name is replaced, never written through",
          "[platform][credential_store]") {
  TempDir t;
  const std::string victim = t.path() + "/victim";
  put(victim, "untouched");
  const std::string creds = t.path() + "/creds";
  REQUIRE(::mkdir(creds.c_str(), 0700) == 0);
  SECTION("a symlink named like the mount") {
    REQUIRE(::symlink(victim.c_str(), (creds + "/photos").c_str()) == 0);
  }
  SECTION("a symlink named like our temp file") {
    const std::string tmp = creds + "/.photos.tmp-" + std::to_string(::getpid());
    REQUIRE(::symlink(victim.c_str(), tmp.c_str()) == 0);
  }
  REQUIRE(pf::write_credential_file(creds, "photos", kStoredSecret));
  CHECK(stored_content(victim) == "untouched");
  CHECK(S_ISREG(lstat_of(creds + "/photos").st_mode));
  CHECK(stored_content(creds + "/photos") == kStoredSecret);
  CHECK(entries(creds) == 1);
}

TEST_CASE("an unsafe credential directory is refused with the fix, and nothing is written",
          "[platform][credential_store]") {
  TempDir t;
  const std::string dir = t.path() + "/creds";
  std::string fix;
  SECTION("a symlink, even to a good directory") {
    const std::string real = t.path() + "/real";
    REQUIRE(::mkdir(real.c_str(), 0700) == 0);
    REQUIRE(::symlink(real.c_str(), dir.c_str()) == 0);
    fix =
        "is a symlink, which may point anywhere (or set [broker] credentials_dir to the real "
        "directory); fix: rm " +
        dir + " && install -d -m 700 " + dir;
  }
  SECTION("writable by the group") {
    REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
    REQUIRE(::chmod(dir.c_str(), 0770) == 0);
    fix = "must not be writable by group or others; fix: chmod 700 " + dir;
  }
  SECTION("writable by others") {
    REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
    REQUIRE(::chmod(dir.c_str(), 01777) == 0);
    fix = "fix: chmod 700 " + dir;
  }
  SECTION("not a directory") {
    put(dir, "");
    fix = "is not a directory";
  }
  SECTION("owned by someone else") {
    if (::geteuid() != 0) {
      WARN("not root: cannot give a directory away to test ownership");
      return;
    }
    REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
    REQUIRE(::chown(dir.c_str(), 65534, 65534) == 0);
    fix = "must be owned by root; fix: chown root " + dir;
  }
  auto checked = pf::check_credential_dir(dir);
  REQUIRE_FALSE(checked);
  CHECK_THAT(checked.error(), Catch::Contains(fix));
  const std::size_t before = entries(t.path());
  auto got = pf::write_credential_file(dir, "photos", kStoredSecret);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::Contains(fix));
  CHECK_THAT(got.error(), !Catch::Contains(kStoredSecret));
  CHECK(entries(t.path()) == before);
  CHECK_FALSE(fs::exists(t.path() + "/real/photos"));
}

TEST_CASE("a 0755 root directory is accepted: only writers matter, as for the reader",
          "[platform][credential_store]") {
  TempDir t;
  REQUIRE(::chmod(t.path().c_str(), 0755) == 0);
  REQUIRE(pf::write_credential_file(t.path(), "photos", kStoredSecret));
  CHECK(pf::read_credential(t.path(), "photos"));
}

TEST_CASE("passwords read_credential would refuse are not stored, and never echoed",
          "[platform][credential_store]") {
  struct Case {
    std::string password;
    std::string why;
  };
  auto c = GENERATE(values<Case>({
      {"", "the password is empty"},
      {kStoredSecret + "\n", "line break"},
      {kStoredSecret + "\r", "line break"},
      {"a\n" + kStoredSecret, "line break"},
      {kStoredSecret + std::string(1, '\0') + "x", "NUL byte"},
      {kStoredSecret + std::string(4096, 'x'), "longer than 4096 bytes"},
  }));
  TempDir t;
  put(t.path() + "/photos", "old");
  REQUIRE(::chmod((t.path() + "/photos").c_str(), 0600) == 0);
  auto got = pf::write_credential_file(t.path(), "photos", c.password);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::Contains(c.why));
  CHECK_THAT(got.error(), !Catch::Contains(kStoredSecret));
  CHECK(stored_content(t.path() + "/photos") == "old");
  CHECK(entries(t.path()) == 1);
}

TEST_CASE("a mount name cannot leave the credential directory when storing",
          "[platform][credential_store]") {
  auto name = GENERATE(as<std::string>{}, "", ".", "..", "../photos", "a/b");
  TempDir t;
  auto got = pf::write_credential_file(t.path(), name, kStoredSecret);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::StartsWith("invalid mount name"));
  CHECK(entries(t.path()) == 0);
}

TEST_CASE("a directory at the file's name is not replaced", "[platform][credential_store]") {
  TempDir t;
  REQUIRE(::mkdir((t.path() + "/photos").c_str(), 0700) == 0);
  auto got = pf::write_credential_file(t.path(), "photos", kStoredSecret);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::Contains("old file is unchanged"));
  CHECK_THAT(got.error(), !Catch::Contains(kStoredSecret));
  CHECK(entries(t.path()) == 1);  // the temp file is gone
}

TEST_CASE("the credential directory is not created in a parent others can write",
          "[platform][credential_store]") {
  Umask wide(0);
  TempDir t;
  const std::string parent = t.path() + "/shared";
  REQUIRE(::mkdir(parent.c_str(), 0777) == 0);
  const std::string dir = parent + "/creds";
  const std::string fix = "fix: chown root " + parent + " && chmod go-w " + parent;
  auto checked = pf::check_credential_dir(dir);
  REQUIRE_FALSE(checked);
  CHECK_THAT(checked.error(), Catch::Contains(fix));
  auto got = pf::write_credential_file(dir, "photos", kStoredSecret);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::Contains("whoever can write it can replace " + dir));
  CHECK_THAT(got.error(), Catch::Contains(fix));
  CHECK_THAT(got.error(), !Catch::Contains(kStoredSecret));
  CHECK(entries(parent) == 0);

  SECTION("an existing credential directory in it is refused too") {
    REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
    auto again = pf::write_credential_file(dir, "photos", kStoredSecret);
    REQUIRE_FALSE(again);
    CHECK_THAT(again.error(), Catch::Contains(fix));
    CHECK(entries(dir) == 0);
  }
}

TEST_CASE("a sticky parent (like /tmp) is accepted: no one else can rename what is ours there",
          "[platform][credential_store]") {
  Umask wide(022);
  TempDir t;
  const std::string parent = t.path() + "/sticky";
  REQUIRE(::mkdir(parent.c_str(), 0700) == 0);
  REQUIRE(::chmod(parent.c_str(), 01777) == 0);
  REQUIRE(pf::write_credential_file(parent + "/creds", "photos", kStoredSecret));
  CHECK((lstat_of(parent + "/creds").st_mode & 07777) == 0700);
  CHECK(stored_content(parent + "/creds/photos") == kStoredSecret);
}

TEST_CASE("what someone else put at the credential directory's name is refused, never chmod'ed",
          "[platform][credential_store]") {
  TempDir t;
  const std::string real = t.path() + "/real";
  REQUIRE(::mkdir(real.c_str(), 0755) == 0);
  const std::string dir = t.path() + "/creds";
  REQUIRE(::symlink(real.c_str(), dir.c_str()) == 0);
  auto got = pf::write_credential_file(dir, "photos", kStoredSecret);
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::Contains("is a symlink"));
  CHECK((lstat_of(real).st_mode & 07777) == 0755);
  CHECK(entries(real) == 0);
}

TEST_CASE("setup and the broker refuse a symlinked credential directory with the same words",
          "[platform][credential_store]") {
  TempDir t;
  const std::string real = t.path() + "/real";
  REQUIRE(::mkdir(real.c_str(), 0700) == 0);
  put(real + "/photos", kStoredSecret);
  REQUIRE(::chmod((real + "/photos").c_str(), 0600) == 0);
  const std::string dir = t.path() + "/creds";
  REQUIRE(::symlink(real.c_str(), dir.c_str()) == 0);
  auto written = pf::check_credential_dir(dir);
  auto read = pf::read_credential(dir, "photos");
  REQUIRE_FALSE(written);
  REQUIRE_FALSE(read);
  CHECK(read.error() == written.error());
  CHECK_THAT(read.error(), !Catch::Contains(kStoredSecret));
}

TEST_CASE("the longest password setup stores is the longest the broker reads",
          "[platform][credential_store]") {
  STATIC_REQUIRE(pf::kMaxPasswordBytes == pf::kMaxCredentialBytes);
  TempDir t;
  const std::string longest(pf::kMaxPasswordBytes, 'x');
  REQUIRE(pf::write_credential_file(t.path(), "photos", longest));
  CHECK(**pf::read_credential(t.path(), "photos") == longest);
  CHECK_FALSE(pf::write_credential_file(t.path(), "photos", longest + "x"));
}
