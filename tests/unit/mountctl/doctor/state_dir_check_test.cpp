#include "mountctl/doctor/state_dir_check.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

namespace {
const std::string kDir = "/var/lib/mount-broker";
std::vector<PathInfo> chain(uid_t uid, mode_t mode) {
  return {{kDir, uid, 0, mode}, {"/var/lib", 0, 0, S_IFDIR | 0755}, {"/", 0, 0, S_IFDIR | 0755}};
}
}  // namespace

TEST_CASE("a missing state directory is only a note: the broker creates it") {
  auto f = judge_state_dir(kDir, {});
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::note);
  CHECK(f[0].fix == "install -d -m 0700 -o root /var/lib/mount-broker");
}

TEST_CASE("the state directory must be root's and 0700") {
  CHECK(judge_state_dir(kDir, chain(0, S_IFDIR | 0700)).front().status == Status::ok);
  auto owner = judge_state_dir(kDir, chain(1000, S_IFDIR | 0700));
  REQUIRE(owner.size() == 1);
  CHECK(owner[0].status == Status::problem);
  CHECK(owner[0].fix == "chown root /var/lib/mount-broker");
  auto readable = judge_state_dir(kDir, chain(0, S_IFDIR | 0755));
  REQUIRE(readable.size() == 1);
  CHECK(readable[0].status == Status::warn);
  CHECK(readable[0].fix == "chmod 0700 /var/lib/mount-broker");
  auto writable = judge_state_dir(kDir, chain(0, S_IFDIR | 0777));
  REQUIRE(writable.size() == 1);
  CHECK(writable[0].status == Status::problem);
}

TEST_CASE("a state path that is not a directory stops the broker") {
  auto f = judge_state_dir(kDir, chain(0, S_IFREG | 0600));
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::problem);
  CHECK_THAT(f[0].fix, Catch::Contains("install -d -m 0700 -o root /var/lib/mount-broker"));
}

TEST_CASE("a parent of the state directory that others can write is a problem") {
  auto c = chain(0, S_IFDIR | 0700);
  c[1].mode = S_IFDIR | 0757;
  auto f = judge_state_dir(kDir, c);
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::problem);
  CHECK(f[0].fix == "chmod o-w /var/lib");
}
