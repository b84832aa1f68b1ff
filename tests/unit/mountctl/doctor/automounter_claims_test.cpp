#include "mountctl/doctor/automounter_claims.hpp"

#include <catch2/catch.hpp>

#include "mountctl/doctor/auto_master.hpp"

using namespace mb::ctl::doctor;

namespace {
const std::vector<OurPath> kOurPaths{{"photos", {"/mnt/photos"}},
                                     {"media", {"/srv/media", "/real/srv/media"}},
                                     {"home", {"/misc/alice/docs"}}};
const EditCommands kEdit{"sed -i", "systemctl reload autofs"};
}  // namespace

TEST_CASE("an fstab entry on our mount point is a problem unless noauto") {
  auto fstab = parse_fstab(
      "//nas/photos /mnt/photos cifs defaults 0 0\n"
      "/dev/sdb1 /mnt/photos2 ext4 defaults 0 0\n"
      "nas:/media /real/srv/media nfs noauto 0 0\n");
  auto f = fstab_claims(kOurPaths, fstab, "/etc/fstab", {"sed -i", ""});
  REQUIRE(f.size() == 2);
  CHECK(f[0].subject == "photos");
  CHECK(f[0].status == Status::problem);
  CHECK_THAT(f[0].message, Catch::StartsWith("/etc/fstab:1 mounts \"//nas/photos\" (cifs) on "
                                             "/mnt/photos, the mount point of \"photos\""));
  CHECK(f[0].fix == "sed -i '1s/^/#/' /etc/fstab");
  CHECK(f[1].subject == "media");  // matched by the resolved spelling
  CHECK(f[1].status == Status::warn);
  CHECK_THAT(f[1].message, Catch::Contains("noauto"));
}

TEST_CASE("an fstab entry written with a trailing slash still claims our mount point") {
  auto fstab = parse_fstab("//nas/photos /mnt/photos/ cifs defaults 0 0\n");
  auto f = fstab_claims(kOurPaths, fstab, "/etc/fstab", {"sed -i", ""});
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "photos");
  CHECK(f[0].status == Status::problem);
}

TEST_CASE("a systemd automount fstab entry is a problem even with noauto") {
  auto fstab = parse_fstab("//nas/p /mnt/photos cifs noauto,x-systemd.automount 0 0\n");
  auto f = fstab_claims(kOurPaths, fstab, "/etc/fstab", {"sed -i", "systemctl daemon-reload"});
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::problem);
  CHECK(f[0].fix == "sed -i '1s/^/#/' /etc/fstab && systemctl daemon-reload");
}

TEST_CASE("a direct map key equal to our mount point is a problem naming both lines") {
  auto map = parse_automount_map("/other -fstype=nfs nas:/x\n/srv/media -fstype=nfs nas:/m\n");
  auto f = direct_map_claims(kOurPaths, map, "/etc/auto.direct", {"/etc/auto.master", 4}, kEdit);
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "media");
  CHECK(f[0].status == Status::problem);
  CHECK_THAT(f[0].message, Catch::StartsWith("/etc/auto.direct:2 (a direct map named at "
                                             "/etc/auto.master:4) has an entry for /srv/media"));
  CHECK(f[0].fix == "sed -i '2s/^/#/' /etc/auto.direct && systemctl reload autofs");
}

TEST_CASE("an indirect map: a key for our path, a wildcard, or only its directory") {
  const Place master{"/etc/auto.master", 2};
  SECTION("the key of the first component below the map's directory") {
    auto map = parse_automount_map("bob nas:/home/bob\nalice nas:/home/alice\n");
    auto f = indirect_map_claims(kOurPaths, "/misc", &map, "/etc/auto.misc", master, kEdit);
    REQUIRE(f.size() == 1);
    CHECK(f[0].subject == "home");
    CHECK_THAT(f[0].message, Catch::StartsWith("/etc/auto.misc:2 (an indirect map on /misc"));
    CHECK_THAT(f[0].message, Catch::Contains("key \"alice\""));
    CHECK(f[0].fix == "sed -i '2s/^/#/' /etc/auto.misc && systemctl reload autofs");
  }
  SECTION("a wildcard key") {
    auto map = parse_automount_map("* nas:/home/&\n");
    auto f = indirect_map_claims(kOurPaths, "/misc", &map, "/etc/auto.misc", master, kEdit);
    REQUIRE(f.size() == 1);
    CHECK_THAT(f[0].message, Catch::Contains("key \"*\""));
  }
  SECTION("no key, or keys unknown: autofs still owns the whole directory") {
    auto map = parse_automount_map("bob nas:/home/bob\n");
    const std::vector<const AutomountMap*> maps{&map, nullptr};
    for (const AutomountMap* m : maps) {
      auto f = indirect_map_claims(kOurPaths, "/misc", m, "/etc/auto.misc", master, kEdit);
      REQUIRE(f.size() == 1);
      CHECK(f[0].status == Status::problem);
      CHECK_THAT(f[0].message, Catch::StartsWith("/etc/auto.master:2 gives /misc to autofs"));
      CHECK(f[0].fix == "sed -i '2s/^/#/' /etc/auto.master && systemctl reload autofs");
    }
  }
}

TEST_CASE("an indirect map directory never claims a path that only shares its prefix") {
  auto f = indirect_map_claims(kOurPaths, "/mnt/photo", nullptr, "-hosts", {"/etc/auto.master", 1},
                               kEdit);
  CHECK(f.empty());
  f = indirect_map_claims(kOurPaths, "/mnt", nullptr, "-hosts", {"/etc/auto.master", 1}, kEdit);
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "photos");
}

TEST_CASE("fix commands quote paths a shell would split") {
  CHECK(comment_out({"/etc/auto maps/x", 3}, {"sed -i ''", ""}) ==
        "sed -i '' '3s/^/#/' '/etc/auto maps/x'");
}

TEST_CASE("the fix for a continued entry comments out every line of it") {
  CHECK(comment_out({"/etc/auto.direct", 3, 5}, {"sed -i", "systemctl reload autofs"}) ==
        "sed -i '3,5s/^/#/' /etc/auto.direct && systemctl reload autofs");
  CHECK(comment_out({"/etc/auto.direct", 3, 3}, {"sed -i", ""}) ==
        "sed -i '3s/^/#/' /etc/auto.direct");
  auto map = parse_automount_map("/other nas:/x\n/srv/media \\\n  -fstype=nfs \\\n  nas:/m\n");
  auto f = direct_map_claims(kOurPaths, map, "/etc/auto.direct", {"/etc/auto.master", 1}, kEdit);
  REQUIRE(f.size() == 1);
  CHECK(f[0].fix == "sed -i '2,4s/^/#/' /etc/auto.direct && systemctl reload autofs");
  auto master = parse_auto_master("/misc \\\n  /etc/auto.misc\n");
  REQUIRE(master.entries.size() == 1);
  const MasterEntry& e = master.entries[0];
  auto g = indirect_map_claims(kOurPaths, e.mount_point, nullptr, e.map,
                               {"/etc/auto.master", e.line, e.last_line}, kEdit);
  REQUIRE(g.size() == 1);
  CHECK(g[0].fix == "sed -i '1,2s/^/#/' /etc/auto.master && systemctl reload autofs");
  auto fstab = parse_fstab("//nas/photos \\\n /mnt/photos cifs defaults 0 0\n");
  auto h = fstab_claims(kOurPaths, fstab, "/etc/fstab", {"sed -i", ""});
  REQUIRE(h.size() == 1);
  CHECK(h[0].fix == "sed -i '1,2s/^/#/' /etc/fstab");
}
