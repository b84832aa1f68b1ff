#include "core/mount_table/mount_point_policy.hpp"

#include <catch2/catch.hpp>

namespace mt = mb::core::mount_table;
using Kind = mt::PathVerdict::Kind;

namespace {

mt::PathStep dir(std::string path, uid_t uid = 0, mode_t mode = 0755, gid_t gid = 0) {
  mt::PathStep s;
  s.path = std::move(path);
  s.uid = uid;
  s.gid = gid;
  s.mode = mode;
  return s;
}

std::vector<mt::PathStep> walk_of(std::initializer_list<mt::PathStep> steps) {
  return steps;
}

mt::MountEntry point_entry(std::string point, std::string fstype) {
  mt::MountEntry e;
  e.mount_point = std::move(point);
  e.fstype = std::move(fstype);
  return e;
}

}  // namespace

TEST_CASE("root-owned parents without write for others: the mount may land", "[mount_point]") {
  auto v = mt::judge_path("/srv/mnt/photos", walk_of({dir("/"), dir("/srv"), dir("/srv/mnt"),
                                                      dir("/srv/mnt/photos", 1000, 0777)}));
  CHECK(v.kind == Kind::ok);
  CHECK(v.message.empty());
}

TEST_CASE("a parent a user owns is refused as a security problem", "[mount_point]") {
  // The user could swap /home/alice/mnt for a symlink and move a root mount anywhere.
  auto v = mt::judge_path("/home/alice/mnt/photos",
                          walk_of({dir("/"), dir("/home"), dir("/home/alice", 1000),
                                   dir("/home/alice/mnt", 1000), dir("/home/alice/mnt/photos")}));
  CHECK(v.kind == Kind::unsafe);
  CHECK_THAT(v.message, Catch::StartsWith("security: /home/alice is owned by uid 1000"));
  CHECK_THAT(v.message, Catch::Contains("chown root /home/alice"));
}

TEST_CASE("a parent writable by its group or by everyone is refused", "[mount_point]") {
  auto group =
      mt::judge_path("/srv/x", walk_of({dir("/"), dir("/srv", 0, 0775, 50), dir("/srv/x")}));
  CHECK(group.kind == Kind::unsafe);
  CHECK_THAT(group.message, Catch::Contains("writable by group 50 (mode 0775)"));
  auto root_group =
      mt::judge_path("/srv/x", walk_of({dir("/"), dir("/srv", 0, 0775, 0), dir("/srv/x")}));
  CHECK(root_group.kind == Kind::ok);
  auto world = mt::judge_path("/srv/x", walk_of({dir("/"), dir("/srv", 0, 0777), dir("/srv/x")}));
  CHECK(world.kind == Kind::unsafe);
  CHECK_THAT(world.message, Catch::Contains("writable by everyone (mode 0777)"));
}

TEST_CASE("a sticky world-writable parent is safe only above a level root owns", "[mount_point]") {
  CHECK(mt::judge_path("/tmp/t/mp",
                       walk_of({dir("/"), dir("/tmp", 0, 01777), dir("/tmp/t"), dir("/tmp/t/mp")}))
            .kind == Kind::ok);
  // A user's directory in /tmp is theirs to rename and replace.
  auto v = mt::judge_path("/tmp/t/mp", walk_of({dir("/"), dir("/tmp", 0, 01777),
                                                dir("/tmp/t", 65534), dir("/tmp/t/mp")}));
  CHECK(v.kind == Kind::unsafe);
  CHECK_THAT(v.message, Catch::StartsWith("security: /tmp is writable by everyone"));
}

TEST_CASE("a symlink anywhere on the path is refused, the mount point's own too", "[mount_point]") {
  auto link = dir("/srv/link");
  link.is_symlink = true;
  link.is_directory = false;
  auto v = mt::judge_path("/srv/link/mp", walk_of({dir("/"), dir("/srv"), link}));
  CHECK(v.kind == Kind::unsafe);
  CHECK_THAT(v.message, Catch::StartsWith("security: /srv/link is a symbolic link"));
  auto last = dir("/srv/mp");
  last.is_symlink = true;
  CHECK(mt::judge_path("/srv/mp", walk_of({dir("/"), dir("/srv"), last})).kind == Kind::unsafe);
}

TEST_CASE("a missing or non-directory level is a config problem that says what to do",
          "[mount_point]") {
  mt::PathStep missing = dir("/srv/mp");
  missing.exists = false;
  auto v = mt::judge_path("/srv/mp", walk_of({dir("/"), dir("/srv"), missing}));
  CHECK(v.kind == Kind::missing);
  CHECK(v.message == "mount point /srv/mp does not exist (create it: mkdir -p /srv/mp)");
  mt::PathStep file = dir("/srv/f");
  file.is_directory = false;
  auto f = mt::judge_path("/srv/f/mp", walk_of({dir("/"), dir("/srv"), file}));
  CHECK(f.kind == Kind::not_directory);
  CHECK(f.message == "mount point /srv/f/mp: /srv/f is not a directory");
}

TEST_CASE("a path with . or .. or not absolute is refused before any walk", "[mount_point]") {
  CHECK(mt::path_spelling_problem("/srv/../etc/mp").has_value());
  CHECK(mt::path_spelling_problem("/srv/./mp").has_value());
  CHECK(mt::path_spelling_problem("srv/mp").has_value());
  CHECK(mt::path_spelling_problem("/").has_value());
  CHECK_FALSE(mt::path_spelling_problem("/srv/mp").has_value());
  CHECK_FALSE(mt::path_spelling_problem("/srv/..mp").has_value());
}

TEST_CASE("a mount point below a FUSE or network mount is found by the table alone",
          "[mount_point]") {
  std::vector<mt::MountEntry> table = {point_entry("/", "ext4"), point_entry("/X/a", "fuse.bindfs"),
                                       point_entry("/net", "nfs4"), point_entry("/data", "xfs")};
  CHECK(mt::nonlocal_ancestor(table, "/X/a/d/sub")->mount_point == "/X/a");
  CHECK(mt::nonlocal_ancestor(table, "/net/home/mp")->mount_point == "/net");
  CHECK(mt::nonlocal_ancestor(table, "/X/a") == nullptr);  // the mount point itself
  CHECK(mt::nonlocal_ancestor(table, "/X/ab/mp") == nullptr);
  CHECK(mt::nonlocal_ancestor(table, "/data/mp") == nullptr);
  CHECK(mt::is_nonlocal_fstype("cifs"));
  CHECK(mt::is_nonlocal_fstype("fuse"));
  CHECK_FALSE(mt::is_nonlocal_fstype("fusectl"));
  CHECK_FALSE(mt::is_nonlocal_fstype("tmpfs"));
}
