#include "broker/ops/monitor_event.hpp"

#include <catch2/catch.hpp>

using mb::broker::ops::state_change;
using mb::proto::MountStatus;

namespace {
MountStatus mounted() {
  MountStatus m;
  m.name = "photos";
  m.state = "mounted";
  m.desired = "mounted";
  return m;
}
}  // namespace

TEST_CASE("a monitor hears of a phase change with the phase before") {
  MountStatus before = mounted();
  MountStatus after = before;
  after.state = "recovering";
  after.last_error = "probe: stat: Transport endpoint is not connected";
  after.error_class = "network";
  auto e = state_change(&before, after, 100);
  REQUIRE(e);
  CHECK(e->kind == "state");
  CHECK(e->time == 100);
  CHECK(e->from == "mounted");
  CHECK(e->changes == std::vector<std::string>{"phase", "error"});
  CHECK(e->mount == after);
}

TEST_CASE("desired, error class and recoveries each count as a change") {
  MountStatus before = mounted();
  MountStatus desired = before;
  desired.desired = "unmounted";
  CHECK(state_change(&before, desired, 1)->changes == std::vector<std::string>{"desired"});
  MountStatus cls = before;
  cls.error_class = "auth";
  CHECK(state_change(&before, cls, 1)->changes == std::vector<std::string>{"error"});
  MountStatus rec = before;
  rec.recoveries = 1;
  CHECK(state_change(&before, rec, 1)->changes == std::vector<std::string>{"recoveries"});
}

TEST_CASE("a probe that changes nothing a person watches is not news") {
  MountStatus before = mounted();
  MountStatus after = before;
  after.since = 12345;  // e.g. a save that touched the record
  after.next_attempt_at = 99;
  CHECK_FALSE(state_change(&before, after, 1));
}

TEST_CASE("a mount seen for the first time (added by reload) is reported whole") {
  MountStatus after = mounted();
  after.last_error = "x";
  auto e = state_change(nullptr, after, 1);
  REQUIRE(e);
  CHECK(e->from.empty());
  CHECK(e->changes == std::vector<std::string>{"phase", "desired", "error"});
}
