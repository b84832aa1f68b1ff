#include "mountctl/doctor/automounter_check.hpp"

#include <stdlib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.hpp"

using namespace mb::ctl::doctor;
namespace fs = std::filesystem;

namespace {

using mb::test::TempDir;

// A machine's automounter tables, all under `d`.
mb::platform::AutomounterFiles files_in(const TempDir& d) {
  return {d.path() + "/fstab",
          d.path() + "/auto.master",
          d.path() + "/auto.master.d",
          d.path(),
          "systemctl reload autofs",
          "systemctl daemon-reload",
          "sed -i"};
}

const std::vector<OurPath> kOurs{{"photos", {"/mnt/photos"}}, {"media", {"/srv/media"}},
                                 {"docs", {"/srv/docs"}},     {"home", {"/misc/alice"}},
                                 {"lost", {"/lost/bob"}},     {"prog", {"/prog/carol"}},
                                 {"free", {"/mnt/free"}}};

const Finding* about(const Findings& f, const std::string& subject) {
  for (const Finding& x : f)
    if (x.subject == subject) return &x;
  return nullptr;
}

std::size_t count(const Findings& f, Status s) {
  std::size_t n = 0;
  for (const Finding& x : f) n += x.status == s;
  return n;
}

}  // namespace

TEST_CASE("the automounter scan reads fstab, the master map, its directories and its maps") {
  TempDir d;
  d.write("fstab", "//nas/photos /mnt/photos/ cifs defaults 0 0\n");
  d.write("auto.master", "/- " + d.path() +
                             "/auto.direct\n"
                             "/misc " +
                             d.path() +
                             "/auto.missing\n"
                             "/lost " +
                             d.path() +
                             "/auto.unreadable\n"
                             "/prog " +
                             d.path() +
                             "/auto.prog\n"
                             "+dir:" +
                             d.path() +
                             "/extra.d\n"
                             "+auto.master\n");
  d.write("auto.direct", "+auto.direct.ns\n/other nas:/x\n");
  // A directory opens but cannot be read: as good as a map file doctor may not read.
  fs::create_directories(d.path() + "/auto.unreadable");
  const std::string prog = d.write("auto.prog", "#!/bin/sh\necho nas:/$1\n");
  REQUIRE(::chmod(prog.c_str(), 0755) == 0);
  d.write("auto.master.d/a.autofs", "/- auto.direct2\n");
  d.write("auto.direct2", "/srv/media \\\n  -fstype=nfs \\\n  nas:/media\n");
  d.write("extra.d/b.autofs", "/- auto.direct3\n");
  d.write("auto.direct3", "/srv/docs nas:/docs\n");

  const Findings f = check_automounters(kOurs, files_in(d), "sudo mountctl doctor");

  SECTION("an fstab entry with a trailing slash") {
    const Finding* x = about(f, "photos");
    REQUIRE(x);
    CHECK(x->status == Status::problem);
    CHECK(x->fix == "sed -i '1s/^/#/' " + d.path() + "/fstab && systemctl daemon-reload");
  }
  SECTION("a direct map of auto.master.d, by bare name, its continued entry commented whole") {
    const Finding* x = about(f, "media");
    REQUIRE(x);
    CHECK(x->status == Status::problem);
    CHECK(x->fix == "sed -i '1,3s/^/#/' " + d.path() + "/auto.direct2 && systemctl reload autofs");
  }
  SECTION("a direct map of a +dir: directory") {
    const Finding* x = about(f, "docs");
    REQUIRE(x);
    CHECK_THAT(x->message, Catch::StartsWith(d.path() + "/auto.direct3:1 (a direct map named at " +
                                             d.path() + "/extra.d/b.autofs:1)"));
  }
  SECTION("an indirect map whose file is missing still owns its directory") {
    const Finding* x = about(f, "home");
    REQUIRE(x);
    CHECK(x->status == Status::problem);
    CHECK_THAT(x->message, Catch::StartsWith(d.path() + "/auto.master:2 gives /misc to autofs"));
    CHECK(x->fix == "sed -i '2s/^/#/' " + d.path() + "/auto.master && systemctl reload autofs");
  }
  SECTION("an indirect map whose file cannot be read: the claim, and the file noted") {
    const Finding* x = about(f, "lost");
    REQUIRE(x);
    CHECK(x->status == Status::problem);
    CHECK_THAT(x->message, Catch::StartsWith(d.path() + "/auto.master:3 gives /lost to autofs"));
    const Finding* skipped = about(f, d.path() + "/auto.unreadable");
    REQUIRE(skipped);
    CHECK(skipped->status == Status::skipped);
    CHECK_THAT(skipped->message, Catch::StartsWith("not checked: "));
  }
  SECTION("an executable (program) indirect map owns its directory") {
    const Finding* x = about(f, "prog");
    REQUIRE(x);
    CHECK_THAT(x->message, Catch::StartsWith(d.path() + "/auto.master:4 gives /prog to autofs"));
  }
  SECTION("name-service includes are noted, in the master map and in a direct map") {
    const Finding* master = about(f, d.path() + "/auto.master");
    REQUIRE(master);
    CHECK(master->status == Status::note);
    CHECK(master->message ==
          "line 6 includes the name service's map auto.master, which doctor cannot list; check "
          "with `automount -m`");
    const Finding* direct = about(f, d.path() + "/auto.direct");
    REQUIRE(direct);
    CHECK(direct->status == Status::note);
    CHECK_THAT(direct->message, Catch::StartsWith("line 1 includes the name service's map "
                                                  "auto.direct.ns, which doctor cannot list"));
  }
  SECTION("nothing else: no claim on a free path, no all-clear") {
    CHECK_FALSE(about(f, "free"));
    CHECK(count(f, Status::ok) == 0);
    CHECK(count(f, Status::problem) == 6);
    CHECK(count(f, Status::note) == 2);
    CHECK(count(f, Status::skipped) == 1);
    CHECK(f.size() == 9);
  }
}

TEST_CASE("the automounter all-clear only when every table could be listed") {
  TempDir d;
  d.write("fstab", "/dev/sda1 / ext4 defaults 0 1\n");
  d.write("auto.master", "/net -hosts\n/- " + d.path() + "/auto.direct\n");
  d.write("auto.direct", "/other nas:/x\n");
  Findings f = check_automounters(kOurs, files_in(d), "sudo mountctl doctor");
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::ok);
  CHECK_THAT(f[0].message, Catch::StartsWith("no entry in " + d.path() + "/fstab, "));

  d.write("auto.master", "/- " + d.path() + "/auto.direct\n+auto.master\n");
  f = check_automounters(kOurs, files_in(d), "sudo mountctl doctor");
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::note);
  CHECK_THAT(f[0].message, Catch::Contains("name service's map auto.master"));
}

TEST_CASE("the automounter scan survives map lines that are only a backslash") {
  TempDir d;
  d.write("auto.master", "\\\n\n/- " + d.path() + "/auto.direct\n\\");
  d.write("auto.direct", "\\\n\n/srv/media nas:/media\n\\");
  const Findings f = check_automounters(kOurs, files_in(d), "sudo mountctl doctor");
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "media");
  CHECK(f[0].fix == "sed -i '3s/^/#/' " + d.path() + "/auto.direct && systemctl reload autofs");
}
