#include "mountctl/doctor/path_safety.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

namespace {
PathInfo file(std::string p, uid_t uid, gid_t gid, mode_t perm) {
  return {std::move(p), uid, gid, static_cast<mode_t>(S_IFREG | perm)};
}
PathInfo dir_info(std::string p, uid_t uid, gid_t gid, mode_t perm) {
  return {std::move(p), uid, gid, static_cast<mode_t>(S_IFDIR | perm)};
}
const std::string kConfig = "/etc/mb/config.toml";
}  // namespace

TEST_CASE("a root-owned file in root-owned directories writable only by root is safe") {
  CHECK(unsafe_owners({file(kConfig, 0, 0, 0644), dir_info("/etc/mb", 0, 0, 0755),
                       dir_info("/etc", 0, 0, 0755), dir_info("/", 0, 0, 0755)},
                      "config", kConfig)
            .empty());
}

TEST_CASE("a sticky world-writable directory (/tmp) is safe for a root-owned entry") {
  CHECK(unsafe_owners({file("/tmp/t/c.toml", 0, 0, 0644), dir_info("/tmp/t", 0, 0, 0700),
                       dir_info("/tmp", 0, 0, 01777), dir_info("/", 0, 0, 0755)},
                      "config", "/tmp/t/c.toml")
            .empty());
}

TEST_CASE("the file's owner and modes: problems, and a warning for group root") {
  auto f = unsafe_owners({file(kConfig, 65534, 0, 0666)}, "config", kConfig);
  REQUIRE(f.size() == 3);
  CHECK(f[0].status == Status::problem);
  CHECK(f[0].subject == kConfig);
  CHECK(f[0].message == "owned by uid 65534, not root: its owner can change what root mounts");
  CHECK(f[0].fix == "chown root /etc/mb/config.toml");
  CHECK(f[1].message == "mode 0666: anyone can write it");
  CHECK(f[1].fix == "chmod o-w /etc/mb/config.toml");
  CHECK(f[2].status == Status::warn);  // group root may write it: the broker accepts that
  CHECK(f[2].fix == "chmod g-w /etc/mb/config.toml");
  auto g = unsafe_owners({file(kConfig, 0, 100, 0664)}, "config", kConfig);
  REQUIRE(g.size() == 1);
  CHECK(g[0].status == Status::problem);  // another group: the broker refuses it
}

TEST_CASE("a parent directory that someone else can write is named in the message") {
  auto f = unsafe_owners(
      {file(kConfig, 0, 0, 0644), dir_info("/etc/mb", 1000, 0, 0755), dir_info("/etc", 0, 0, 0757)},
      "config", kConfig);
  REQUIRE(f.size() == 2);
  CHECK(f[0].subject == kConfig);
  CHECK(f[0].message ==
        "parent directory /etc/mb is owned by uid 1000, not root: its owner can change what "
        "root mounts");
  CHECK(f[0].fix == "chown root /etc/mb");
  CHECK(f[1].message == "parent directory /etc has mode 0757: anyone can write it");
  CHECK(f[1].fix == "chmod o-w /etc");
}
