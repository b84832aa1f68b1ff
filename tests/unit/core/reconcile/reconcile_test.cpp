#include "core/reconcile/reconcile.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace rc = mb::core::reconcile;
namespace st = mb::core::state;
using mb::core::config::MountType;
using mb::core::mount_table::MountEntry;
using st::Finding;
using st::Phase;
using st::Reason;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
constexpr std::int64_t kEarlier = 1'600'000'000;

rc::Wanted smb(const std::string& name, const std::string& mountpoint,
               const std::string& expected = "//nas/photos") {
  return {name, MountType::smb, mountpoint, expected, true};
}

MountEntry entry(const std::string& mount_point, const std::string& source,
                 const std::string& fstype = "cifs", std::uint64_t device = 77) {
  MountEntry e;
  e.mount_point = mount_point;
  e.source = source;
  e.fstype = fstype;
  e.device = device;
  // What the kernel shows for a FUSE mount made by root (the broker's helpers run as root).
  if (fstype.starts_with("fuse")) e.super_options = "rw,user_id=0,group_id=0";
  return e;
}

st::MountRecord record(const std::string& name, Phase phase, const std::string& mountpoint,
                       const std::string& source = "//nas/photos") {
  st::MountRecord r;
  r.name = name;
  r.phase = phase;
  r.mountpoint = mountpoint;
  r.source = source;
  r.fstype = source.empty() ? "" : "cifs";
  r.since = kEarlier;
  r.reason = Reason::user;
  r.recoveries = 2;
  r.next_attempt_at = kEarlier + 5;
  return r;
}

st::State state_of(std::vector<st::MountRecord> records) {
  st::State s;
  s.mounts = std::move(records);
  return s;
}

}  // namespace

TEST_CASE("a mounted share still in the table is ok and keeps its phase", "[reconcile]") {
  // (unmounting without an operation in flight is a leftover: see the test further down)
  auto phase = GENERATE(Phase::mounted, Phase::degraded, Phase::backoff);
  auto current = state_of({record("photos", phase, "/mnt/photos")});
  current.mounts[0].device = 0;
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current,
                           {entry("/mnt/photos", "//nas/photos")}, kNow);

  REQUIRE(out.state.mounts.size() == 1);
  const auto& r = out.state.mounts[0];
  CHECK(r.phase == phase);
  CHECK(r.finding == Finding::ok);
  CHECK(r.since == kEarlier);
  CHECK(r.reason == Reason::user);
  CHECK(r.device == 77);  // filled in because it was unknown
  REQUIRE(out.reports.size() == 1);
  CHECK(out.reports[0].name == "photos");
  CHECK(out.reports[0].finding == Finding::ok);
}

TEST_CASE("the broker's counters pass through reconcile unchanged", "[reconcile]") {
  auto current = state_of({record("photos", Phase::mounted, "/mnt/photos")});
  current.counters = {12, 340, kEarlier};
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current, {}, kNow);
  CHECK(out.changed);  // photos was lost
  CHECK(out.state.counters == current.counters);
}

TEST_CASE("a recorded device number is not overwritten by the table's", "[reconcile]") {
  auto current = state_of({record("photos", Phase::mounted, "/mnt/photos")});
  current.mounts[0].device = 12;
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current,
                           {entry("/mnt/photos", "//nas/photos", "cifs", 99)}, kNow);
  CHECK(out.state.mounts[0].device == 12);
}

TEST_CASE("our source mounted while the state says unmounted is adopted", "[reconcile]") {
  auto phase = GENERATE(Phase::unmounted, Phase::mounting, Phase::failed);
  auto current = state_of({record("photos", phase, "/mnt/photos", "")});
  current.mounts[0].last_error = "mount failed: host down";
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current,
                           {entry("/mnt/photos", "//nas/photos", "cifs", 42)}, kNow);

  const auto& r = out.state.mounts[0];
  CHECK(r.finding == Finding::adopted);
  CHECK(r.phase == Phase::mounted);
  CHECK(r.since == kNow);
  CHECK(r.reason == Reason::adopted);
  CHECK(r.last_error.empty());
  CHECK(r.source == "//nas/photos");
  CHECK(r.fstype == "cifs");
  CHECK(r.device == 42);
  CHECK(r.recoveries == 2);  // untouched
  CHECK(r.next_attempt_at == kEarlier + 5);
  CHECK(out.reports[0].finding == Finding::adopted);
  CHECK(out.changed);
}

TEST_CASE("without an expected source the source recorded in state identifies our mount",
          "[reconcile]") {
  auto wanted = rc::Wanted{"scratch", MountType::command, "/mnt/scratch", "", true};
  auto current = state_of({record("scratch", Phase::unmounted, "/mnt/scratch", "sshfs#me@h:/x")});
  current.mounts[0].fstype = "fuse.sshfs";

  SECTION("the recorded source matches: adopted") {
    auto out = rc::reconcile({wanted}, current,
                             {entry("/mnt/scratch", "sshfs#me@h:/x", "fuse.sshfs")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::adopted);
    CHECK(out.state.mounts[0].phase == Phase::mounted);
    CHECK(out.state.mounts[0].fstype == "fuse.sshfs");
  }
  SECTION("a different source: conflict") {
    auto out = rc::reconcile({wanted}, current,
                             {entry("/mnt/scratch", "sshfs#other@h:/x", "fuse.sshfs")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::conflict);
  }
  SECTION("nothing recorded either: conflict, never adopted blindly") {
    current.mounts[0].source.clear();
    auto out = rc::reconcile({wanted}, current,
                             {entry("/mnt/scratch", "sshfs#me@h:/x", "fuse.sshfs")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::conflict);
  }
}

TEST_CASE("someone else's share at our mount point is a conflict and left alone", "[reconcile]") {
  auto current = state_of({record("photos", Phase::mounted, "/mnt/photos")});
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current,
                           {entry("/mnt/photos", "//other/share")}, kNow);

  const auto& r = out.state.mounts[0];
  std::string detail = "\"//other/share\" (cifs) is mounted at /mnt/photos, not ours: left alone";
  CHECK(r.finding == Finding::conflict);
  CHECK(r.phase == Phase::unmounted);
  CHECK(r.since == kNow);
  CHECK(r.reason == Reason::conflict);
  CHECK(r.last_error == detail);
  CHECK(r.source == "//nas/photos");  // not replaced by the stranger's
  CHECK(out.reports[0].finding == Finding::conflict);
  CHECK(out.reports[0].detail == detail);
}

TEST_CASE("a conflict on an unmounted record only records the error", "[reconcile]") {
  auto phase = GENERATE(Phase::unmounted, Phase::failed);
  auto current = state_of({record("photos", phase, "/mnt/photos")});
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current,
                           {entry("/mnt/photos", "//other/share")}, kNow);
  CHECK(out.state.mounts[0].phase == phase);
  CHECK(out.state.mounts[0].since == kEarlier);
  CHECK(out.state.mounts[0].finding == Finding::conflict);
}

TEST_CASE("a mounted share missing from the table is lost", "[reconcile]") {
  auto phase = GENERATE(Phase::mounted, Phase::degraded);
  auto current = state_of({record("photos", phase, "/mnt/photos")});
  auto out =
      rc::reconcile({smb("photos", "/mnt/photos")}, current, {entry("/", "/dev/sda1")}, kNow);

  const auto& r = out.state.mounts[0];
  CHECK(r.finding == Finding::lost);
  CHECK(r.phase == Phase::unmounted);
  CHECK(r.since == kNow);
  CHECK(r.reason == Reason::lost);
  CHECK(r.last_error == "lost: /mnt/photos is no longer in the mount table");
  CHECK(out.reports[0].finding == Finding::lost);
}

TEST_CASE("a share absent from the table and not believed mounted is unmounted", "[reconcile]") {
  struct Case {
    Phase before;
    Phase after;
    bool since_moves;
  };
  auto c = GENERATE(values<Case>({
      {Phase::mounting, Phase::unmounted, true},
      {Phase::unmounting, Phase::unmounted, true},
      {Phase::backoff, Phase::backoff, false},
      // A recovery's child cannot outlive the broker: it waits for its attempt, not a result.
      {Phase::recovering, Phase::backoff, false},
      {Phase::failed, Phase::failed, false},
      {Phase::unmounted, Phase::unmounted, false},
  }));
  auto current = state_of({record("photos", c.before, "/mnt/photos")});
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current, {}, kNow);

  const auto& r = out.state.mounts[0];
  CHECK(r.finding == Finding::unmounted);
  CHECK(r.phase == c.after);
  CHECK(r.since == (c.since_moves ? kNow : kEarlier));
  CHECK(r.next_attempt_at == kEarlier + 5);
}

TEST_CASE("a wanted mount without a record gets a fresh one", "[reconcile]") {
  auto auto_mount = GENERATE(true, false);
  auto wanted = smb("new", "/mnt/new");
  wanted.auto_mount = auto_mount;
  auto out = rc::reconcile({wanted}, {}, {}, kNow);

  REQUIRE(out.state.mounts.size() == 1);
  const auto& r = out.state.mounts[0];
  CHECK(r.name == "new");
  CHECK(r.mountpoint == "/mnt/new");
  CHECK(r.phase == Phase::unmounted);
  CHECK(r.desired == (auto_mount ? st::Desired::mounted : st::Desired::unmounted));
  CHECK(r.finding == Finding::unmounted);
  CHECK(out.changed);
}

TEST_CASE("the mount point always follows the configuration", "[reconcile]") {
  auto current = state_of({record("photos", Phase::unmounted, "/old/place")});
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current, {}, kNow);
  CHECK(out.state.mounts[0].mountpoint == "/mnt/photos");
}

TEST_CASE("an orphan still mounted with our source is kept", "[reconcile]") {
  auto current = state_of({record("gone", Phase::mounted, "/mnt/gone", "//nas/old"),
                           record("photos", Phase::mounted, "/mnt/photos")});
  auto out =
      rc::reconcile({smb("photos", "/mnt/photos")}, current,
                    {entry("/mnt/photos", "//nas/photos"), entry("/mnt/gone", "//nas/old")}, kNow);

  REQUIRE(out.state.mounts.size() == 2);
  CHECK(out.state.mounts[0].name == "photos");  // wanted first, orphans after
  const auto& orphan = out.state.mounts[1];
  CHECK(orphan.name == "gone");
  CHECK(orphan.finding == Finding::orphan);
  CHECK(orphan.phase == Phase::mounted);
  REQUIRE(out.reports.size() == 2);
  CHECK(out.reports[1].name == "gone");
  CHECK(out.reports[1].finding == Finding::orphan);
  CHECK(out.reports[1].detail == "mounted by mount-broker but no longer in the config");
}

TEST_CASE("an orphan no longer mounted, or replaced by another source, is dropped", "[reconcile]") {
  auto table = GENERATE(std::vector<MountEntry>{},
                        std::vector<MountEntry>{entry("/mnt/gone", "//nas/other")},
                        std::vector<MountEntry>{entry("/mnt/gone/sub", "//nas/old")});
  auto current = state_of({record("gone", Phase::mounted, "/mnt/gone", "//nas/old")});
  auto out = rc::reconcile({}, current, table, kNow);
  CHECK(out.state.mounts.empty());
  CHECK(out.reports.empty());
  CHECK(out.changed);
}

TEST_CASE("the topmost of two stacked mounts decides", "[reconcile]") {
  auto current = state_of({record("photos", Phase::mounted, "/mnt/photos")});
  auto wanted = std::vector<rc::Wanted>{smb("photos", "/mnt/photos")};

  SECTION("ours on top of another: ok") {
    auto out = rc::reconcile(
        wanted, current,
        {entry("/mnt/photos", "//other/share"), entry("/mnt/photos", "//nas/photos")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::ok);
  }
  SECTION("another on top of ours: conflict") {
    auto out = rc::reconcile(
        wanted, current,
        {entry("/mnt/photos", "//nas/photos"), entry("/mnt/photos", "//other/share")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::conflict);
    CHECK(out.reports[0].detail.find("//other/share") != std::string::npos);
  }
}

TEST_CASE("mount points are compared exactly, never by prefix", "[reconcile]") {
  auto current = state_of({record("a", Phase::mounted, "/mnt/a", "//nas/a"),
                           record("ab", Phase::mounted, "/mnt/ab", "//nas/ab")});
  auto wanted =
      std::vector<rc::Wanted>{smb("a", "/mnt/a", "//nas/a"), smb("ab", "/mnt/ab", "//nas/ab")};

  SECTION("only /mnt/ab and /mnt/a/b are mounted: /mnt/a is lost") {
    auto out = rc::reconcile(wanted, current,
                             {entry("/mnt/ab", "//nas/ab"), entry("/mnt/a/b", "//nas/a")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::lost);
    CHECK(out.state.mounts[1].finding == Finding::ok);
  }
  SECTION("only /mnt/a is mounted: /mnt/ab is lost") {
    auto out = rc::reconcile(wanted, current, {entry("/mnt/a", "//nas/a")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::ok);
    CHECK(out.state.mounts[1].finding == Finding::lost);
  }
}

TEST_CASE("smb sources match regardless of case, percent-encoding and slashes", "[reconcile]") {
  auto shown = GENERATE(as<std::string>{}, "//NAS/Family Photos", "//nas/family%20photos",
                        "//Nas/Family%20Photos/", "\\\\nas\\family photos");
  CAPTURE(shown);
  auto current = state_of({record("photos", Phase::mounted, "/mnt/photos")});
  auto out = rc::reconcile({smb("photos", "/mnt/photos", "//nas/Family%20Photos")}, current,
                           {entry("/mnt/photos", shown)}, kNow);
  CHECK(out.state.mounts[0].finding == Finding::ok);
  CHECK(out.state.mounts[0].source == shown);  // the table's spelling is recorded
}

TEST_CASE("nfs sources match regardless of host case but not path case", "[reconcile]") {
  auto wanted = rc::Wanted{"data", MountType::nfs, "/mnt/data", "fileserver:/export/Data", true};
  auto current = state_of({record("data", Phase::mounted, "/mnt/data", "")});

  SECTION("host case and a trailing slash differ: ok") {
    auto out = rc::reconcile({wanted}, current,
                             {entry("/mnt/data", "FileServer:/export/Data/", "nfs4")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::ok);
  }
  SECTION("path case differs: conflict") {
    auto out = rc::reconcile({wanted}, current,
                             {entry("/mnt/data", "fileserver:/export/data", "nfs4")}, kNow);
    CHECK(out.state.mounts[0].finding == Finding::conflict);
  }
}

TEST_CASE("normalize_source applies each protocol's equivalences", "[reconcile]") {
  struct Case {
    MountType type;
    std::string in;
    std::string out;
  };
  auto c = GENERATE(values<Case>({
      {MountType::smb, "//NAS/Share%20Name/", "//nas/share name"},
      {MountType::smb, "\\\\NAS\\Share", "//nas/share"},
      {MountType::smb, "//nas/100%", "//nas/100%"},
      {MountType::smb, "//nas/a%zzb", "//nas/a%zzb"},
      {MountType::smb, "//nas/Ü", "//nas/Ü"},
      {MountType::nfs, "Server.LAN:/Export/Dir/", "server.lan:/Export/Dir"},
      {MountType::nfs, "Server:/", "server:/"},
      {MountType::nfs, "[FE80::1]:/Export", "[fe80::1]:/Export"},
      {MountType::nfs, "server:/with%20space", "server:/with space"},
      {MountType::nfs, "NoColon", "NoColon"},
      {MountType::command, "Me@Host:/Path%2Fx/", "Me@Host:/Path/x/"},
      {MountType::command, "", ""},
  }));
  CAPTURE(c.in);
  CHECK(rc::normalize_source(c.type, c.in) == c.out);
}

TEST_CASE("nothing changes when the table agrees with the state", "[reconcile]") {
  auto current = state_of({record("photos", Phase::mounted, "/mnt/photos"),
                           record("idle", Phase::unmounted, "/mnt/idle")});
  current.mounts[0].finding = Finding::ok;
  current.mounts[0].device = 77;
  current.mounts[1].finding = Finding::unmounted;
  auto out = rc::reconcile({smb("photos", "/mnt/photos"), smb("idle", "/mnt/idle")}, current,
                           {entry("/mnt/photos", "//nas/photos")}, kNow);
  CHECK_FALSE(out.changed);
  CHECK(out.state == current);
}

TEST_CASE("records follow the order of the wanted mounts", "[reconcile]") {
  auto current =
      state_of({record("b", Phase::unmounted, "/mnt/b"), record("a", Phase::unmounted, "/mnt/a")});
  auto out = rc::reconcile({smb("a", "/mnt/a"), smb("b", "/mnt/b")}, current, {}, kNow);
  REQUIRE(out.state.mounts.size() == 2);
  CHECK(out.state.mounts[0].name == "a");
  CHECK(out.state.mounts[1].name == "b");
  CHECK(out.reports[0].name == "a");
  CHECK(out.changed);  // the order differs
}

TEST_CASE("adopted and lost stay visible while the phase they started lasts", "[reconcile]") {
  auto first = rc::reconcile({smb("photos", "/mnt/photos")},
                             state_of({record("photos", Phase::unmounted, "/mnt/photos")}),
                             {entry("/mnt/photos", "//nas/photos")}, kNow);
  REQUIRE(first.state.mounts[0].finding == Finding::adopted);
  auto again = rc::reconcile({smb("photos", "/mnt/photos")}, first.state,
                             {entry("/mnt/photos", "//nas/photos")}, kNow + 10);
  CHECK(again.state.mounts[0].finding == Finding::adopted);
  CHECK(again.reports[0].finding == Finding::ok);  // no news to log
  CHECK_FALSE(again.changed);

  auto lost = rc::reconcile({smb("photos", "/mnt/photos")}, again.state, {}, kNow + 20);
  REQUIRE(lost.state.mounts[0].finding == Finding::lost);
  auto still = rc::reconcile({smb("photos", "/mnt/photos")}, lost.state, {}, kNow + 30);
  CHECK(still.state.mounts[0].finding == Finding::lost);
  CHECK(still.reports[0].finding == Finding::unmounted);
}

TEST_CASE("a mount with an operation in flight is left to that operation", "[reconcile]") {
  auto current = state_of({record("photos", Phase::mounting, "/mnt/photos")});
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, current,
                           {entry("/mnt/photos", "//nas/photos")}, kNow, {"photos"});
  CHECK(out.state.mounts[0] == current.mounts[0]);
  CHECK_FALSE(out.changed);
  CHECK(out.reports.empty());
}

TEST_CASE("an unmount or recovery left half done by an exited broker does not get stuck",
          "[reconcile]") {
  auto unmounting = record("photos", Phase::unmounting, "/mnt/photos");
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, state_of({unmounting}),
                           {entry("/mnt/photos", "//nas/photos")}, kNow);
  CHECK(out.state.mounts[0].phase == Phase::mounted);

  auto recovering = record("photos", Phase::recovering, "/mnt/photos");
  recovering.next_attempt_at = 0;  // its child was running when the broker went away
  out = rc::reconcile({smb("photos", "/mnt/photos")}, state_of({recovering}), {}, kNow);
  CHECK(out.state.mounts[0].phase == Phase::backoff);
  CHECK(out.state.mounts[0].next_attempt_at == kNow);    // the next Tick takes it up
  CHECK(out.state.mounts[0].since == recovering.since);  // the same recovery goes on
}

TEST_CASE("a FUSE mount of our source made by another user is a conflict, never adopted") {
  auto wanted = rc::Wanted{"scratch", MountType::command, "/mnt/scratch", "me@h:/x", true};
  auto fake = entry("/mnt/scratch", "me@h:/x", "fuse");
  fake.super_options = "rw,user_id=65534,group_id=65534";
  st::State s;
  s.mounts.push_back(record("scratch", Phase::unmounted, "/mnt/scratch", ""));
  auto out = rc::reconcile({wanted}, s, {fake}, kNow);
  REQUIRE(out.reports.size() == 1);
  CHECK(out.reports[0].finding == Finding::conflict);
  CHECK(out.reports[0].detail.find("made by uid 65534") != std::string::npos);
  CHECK(out.state.mounts[0].phase == Phase::unmounted);

  // The same when the state says it was mounted: the record does not make it ours either.
  s.mounts[0] = record("scratch", Phase::mounted, "/mnt/scratch", "me@h:/x");
  s.mounts[0].fstype = "fuse";
  out = rc::reconcile({wanted}, s, {fake}, kNow);
  CHECK(out.reports[0].finding == Finding::conflict);
  CHECK(out.reports[0].detail.find("made by uid 65534") != std::string::npos);
  CHECK(out.state.mounts[0].phase == Phase::unmounted);
}

TEST_CASE("a mount of our source with a type the backend does not mount is a conflict") {
  st::State s;
  auto out = rc::reconcile({smb("photos", "/mnt/photos")}, s,
                           {entry("/mnt/photos", "//nas/photos", "fuse.bindfs")}, kNow);
  CHECK(out.reports[0].finding == Finding::conflict);
  CHECK(out.reports[0].detail.find("not SMB") != std::string::npos);
  out = rc::reconcile({smb("photos", "/mnt/photos")}, s,
                      {entry("/mnt/photos", "//nas/photos", "smb3")}, kNow);
  CHECK(out.reports[0].finding == Finding::adopted);

  // A command mount is held to the type recorded when the broker mounted it.
  auto wanted = rc::Wanted{"scratch", MountType::command, "/mnt/scratch", "me@h:/x", true};
  st::State known;
  auto r = record("scratch", Phase::mounted, "/mnt/scratch", "me@h:/x");
  r.fstype = "fuse.sshfs";
  known.mounts.push_back(r);
  out = rc::reconcile({wanted}, known, {entry("/mnt/scratch", "me@h:/x", "tmpfs")}, kNow);
  CHECK(out.reports[0].finding == Finding::conflict);
  out = rc::reconcile({wanted}, known, {entry("/mnt/scratch", "me@h:/x", "fuse.sshfs")}, kNow);
  CHECK(out.reports[0].finding == Finding::ok);
}

TEST_CASE("reconciling in place edits the records where they are and says what changed",
          "[reconcile]") {
  const std::vector<rc::Wanted> wanted{smb("photos", "/mnt/photos"), smb("docs", "/mnt/docs")};
  const std::vector<MountEntry> table{entry("/mnt/photos", "//nas/photos")};
  auto state = state_of({record("photos", Phase::mounted, "/mnt/photos"),
                         record("docs", Phase::unmounted, "/mnt/docs", "")});
  // The first pass settles what the table says; the state is then what reconcile() returns.
  const auto expected = rc::reconcile(wanted, state, table, kNow);
  auto first = rc::reconcile_in_place(wanted, state, table, kNow);
  CHECK(first.changed == expected.changed);
  CHECK(state == expected.state);
  REQUIRE(first.reports.size() == 2);
  CHECK(first.reports[0].news);  // ok: the records had no finding yet
  // A second pass over the same table changes nothing, moves no record and has no news.
  const auto* buffer = state.mounts.data();
  const auto before = state;
  auto second = rc::reconcile_in_place(wanted, state, table, kNow + 60);
  CHECK_FALSE(second.changed);
  CHECK(state == before);
  CHECK(state.mounts.data() == buffer);
  for (const auto& r : second.reports) CHECK_FALSE(r.news);
}

TEST_CASE("reconciling in place a state in another order gives what reconcile gives",
          "[reconcile]") {
  const std::vector<rc::Wanted> wanted{smb("docs", "/mnt/docs"), smb("photos", "/mnt/photos"),
                                       smb("new", "/mnt/new")};
  const std::vector<MountEntry> table{entry("/mnt/photos", "//nas/photos"),
                                      entry("/mnt/gone", "//nas/gone")};
  auto orphan = record("gone", Phase::mounted, "/mnt/gone", "//nas/gone");
  orphan.tunnel_pid = 4242;
  auto dropped = record("removed", Phase::unmounted, "/mnt/removed", "");
  dropped.tunnel_pid = 4343;
  auto state = state_of({record("photos", Phase::mounted, "/mnt/photos"), dropped, orphan,
                         record("docs", Phase::unmounted, "/mnt/docs", "")});
  const auto expected = rc::reconcile(wanted, state, table, kNow);
  auto done = rc::reconcile_in_place(wanted, state, table, kNow);
  CHECK(done.changed);
  CHECK(state == expected.state);
  REQUIRE(done.reports.size() == expected.reports.size());
  for (std::size_t i = 0; i < done.reports.size(); ++i) {
    CHECK(done.reports[i].name == expected.reports[i].name);
    CHECK(done.reports[i].finding == expected.reports[i].finding);
  }
  // What left the state comes back, so that its tunnel can be ended.
  REQUIRE(done.dropped.size() == 1);
  CHECK(done.dropped[0].name == "removed");
  CHECK(done.dropped[0].tunnel_pid == 4343);
  CHECK(state.find("gone")->finding == Finding::orphan);
  // The orphan found again is no news.
  auto again = rc::reconcile_in_place(wanted, state, table, kNow);
  CHECK_FALSE(again.changed);
  for (const auto& r : again.reports) CHECK_FALSE(r.news);
}

TEST_CASE("a mount in flight is left to its operation when reconciled in place", "[reconcile]") {
  const std::vector<rc::Wanted> wanted{smb("photos", "/mnt/photos")};
  auto state = state_of({record("photos", Phase::mounting, "/mnt/photos")});
  const auto before = state;
  auto done = rc::reconcile_in_place(wanted, state, {}, kNow, {"photos"});
  CHECK_FALSE(done.changed);
  CHECK(done.reports.empty());
  CHECK(state == before);
}

TEST_CASE("a duplicate wanted name keeps its one record, in place or not", "[reconcile]") {
  // The config refuses duplicate names; reconcile still keeps the first and changes nothing
  // once the state holds that one record.
  const std::vector<rc::Wanted> wanted{smb("photos", "/mnt/photos"), smb("photos", "/mnt/other")};
  auto state = state_of({record("photos", Phase::unmounted, "/mnt/photos", "")});
  auto first = rc::reconcile_in_place(wanted, state, {}, kNow);
  REQUIRE(state.mounts.size() == 1);
  CHECK(state.mounts[0].mountpoint == "/mnt/photos");
  CHECK(first.reports.size() == 1);
  const auto before = state;
  auto second = rc::reconcile_in_place(wanted, state, {}, kNow);
  CHECK_FALSE(second.changed);
  CHECK(state == before);
  // Two records of one name: the second goes.
  auto doubled = state_of({record("photos", Phase::unmounted, "/mnt/photos", ""),
                           record("photos", Phase::unmounted, "/mnt/photos", "")});
  doubled.mounts[0].finding = Finding::unmounted;
  auto third = rc::reconcile_in_place(wanted, doubled, {}, kNow);
  CHECK(third.changed);
  CHECK(doubled.mounts.size() == 1);
  CHECK(third.dropped.size() == 1);
}
