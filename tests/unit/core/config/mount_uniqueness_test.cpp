#include "core/config/mount_uniqueness.hpp"

#include <map>

#include "core/config/mountpoint_place.hpp"

#include <catch2/catch.hpp>

using namespace mb::core::config;

namespace {

MountConfig mount(std::string name, std::string mountpoint, int line) {
  MountConfig m;
  m.name = std::move(name);
  m.mountpoint = std::move(mountpoint);
  m.line = line;
  return m;
}

// Feeds the mounts in file order and returns what was reported.
std::string check_all(const std::vector<MountConfig>& mounts) {
  Diagnostics diag("config.toml");
  UniquenessCheck unique;
  toml::table empty;
  for (const auto& m : mounts) {
    TableReader r(empty, "mount \"" + m.name + "\": ", m.line, diag);
    unique.check(r, m);
  }
  return diag.text();
}

}  // namespace

TEST_CASE("mount_uniqueness: distinct names side by side pass") {
  CHECK(check_all({mount("a", "/mnt/a", 1), mount("b", "/mnt/b", 6), mount("c", "/srv/ab", 11)})
            .empty());
}

TEST_CASE("mount_uniqueness: the second of two names is reported, naming the first") {
  auto e = check_all({mount("a", "/mnt/a", 1), mount("a", "/mnt/b", 6)});
  CHECK(e ==
        "config.toml:6: mount \"a\": name: duplicate name \"a\" (first defined at line 1); "
        "give each mount its own name");
}

TEST_CASE("mount_uniqueness: a mountpoint used twice is reported once, at the second") {
  auto e = check_all({mount("a", "/mnt/x", 1), mount("b", "/mnt/x", 6)});
  CHECK(e ==
        "config.toml:6: mount \"b\": mountpoint: \"/mnt/x\" is already used by mount \"a\" at "
        "line 1; give each mount its own mountpoint");
  // A mount without a (valid) name is named by its line.
  e = check_all({mount("", "/mnt/x", 1), mount("b", "/mnt/x", 6)});
  CHECK_THAT(e, Catch::Contains("is already used by the mount at line 1"));
}

TEST_CASE("mount_uniqueness: a mount inside or around another is refused") {
  auto e = check_all({mount("a", "/mnt/x", 1), mount("b", "/mnt/x/y", 6), mount("c", "/mnt", 11)});
  CHECK_THAT(e, Catch::Contains("config.toml:6: mount \"b\": mountpoint: \"/mnt/x/y\" is inside"));
  CHECK_THAT(e, Catch::Contains("config.toml:11: mount \"c\": mountpoint: \"/mnt\" contains"));
  CHECK_THAT(e, Catch::Contains("mounts must not nest"));
}

TEST_CASE("mount_uniqueness: a mount without a mountpoint or a name is not compared by it") {
  // Its own problem was reported where it was read; no second message about it here.
  CHECK(check_all({mount("a", "", 1), mount("b", "", 6), mount("", "/mnt/c", 11),
                   mount("", "/mnt/d", 16)})
            .empty());
}

TEST_CASE("mount_uniqueness: the indexed nesting check reports what comparing every pair did") {
  // The first clash in sorted order, as the pairwise loop found it, for paths that sort
  // between a directory and its children ("/m/b-c" and "/m/b.c" sort before "/m/b/c").
  const std::vector<std::string> paths = {"/m/b-c", "/m/b", "/m/b.c", "/m/b/c/d", "/m",
                                          "/m/b/c", "/n",   "/",      "/m/a",     "/m/bb"};
  for (std::size_t first = 0; first < paths.size(); ++first) {
    std::vector<MountConfig> mounts;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const auto& p = paths[(first + i) % paths.size()];
      mounts.push_back(mount("n" + std::to_string(i), p, static_cast<int>(1 + 5 * i)));
    }
    // The pairwise rule, written out: the first earlier mount in sorted order that nests.
    std::string expected;
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < mounts.size(); ++i) {
      for (const auto& [other, j] : seen) {
        if (auto problem = nesting_problem(mounts[i].mountpoint, other)) {
          expected += "config.toml:" + std::to_string(mounts[i].line) + ": mount \"" +
                      mounts[i].name + "\": mountpoint: \"" + mounts[i].mountpoint + "\" " +
                      *problem + " of mount \"" + mounts[j].name + "\" at line " +
                      std::to_string(mounts[j].line) +
                      "; mounts must not nest: give each its own directory, e.g. side by side "
                      "under /mnt\n";
          break;
        }
      }
      seen.emplace(mounts[i].mountpoint, i);
    }
    CHECK(check_all(mounts) + "\n" == expected);
  }
}

TEST_CASE("mount_uniqueness: a mount at / contains every other one") {
  auto e = check_all({mount("a", "/mnt/x", 1), mount("root", "/", 6)});
  CHECK_THAT(e, Catch::Contains("\"/\" contains the mount point \"/mnt/x\""));
  e = check_all({mount("root", "/", 1), mount("a", "/mnt/x", 6)});
  CHECK_THAT(e, Catch::Contains("\"/mnt/x\" is inside the mount point \"/\""));
}
