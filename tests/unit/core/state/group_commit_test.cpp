#include "core/state/group_commit.hpp"

#include <catch2/catch.hpp>

namespace mb::core::state {
namespace {

using namespace std::chrono_literals;
using Next = GroupCommit::Next;

// The shell in miniature, with a fake clock and a recording store: the "state" is a change
// counter, and the store records the counter each write held. A write is in flight from
// pump() until complete(), as a write on the writer thread is.
struct Rig {
  GroupCommit gc{100ms, 5s};
  GroupCommit::Clock::time_point now = GroupCommit::Clock::time_point{} + 1h;
  int state = 0;
  std::vector<int> disk;         // what each successful write held, in order
  int attempts = 0;              // writes started, failed ones included
  std::optional<int> in_flight;  // what the write in flight holds
  bool fail = false;

  void change() {
    ++state;
    gc.changed();
  }
  // What the shell does whenever it is woken: start a write if told to.
  Next pump() {
    Next n = gc.next(now);
    if (n.what == Next::write_now) {
      in_flight = state;
      ++attempts;
      gc.started(now);
    }
    return n;
  }
  void complete() {
    REQUIRE(in_flight);
    if (!fail) disk.push_back(*in_flight);
    in_flight.reset();
    for (auto& w : gc.finished(!fail, now)) w(!fail);
  }
  // A waiter that records what it was told and what the disk held at that moment.
  struct Seen {
    int calls = 0;
    bool durable = false;
    int on_disk = -1;
  };
  void wait(Seen& s) {
    auto w = [this, &s](bool ok) {
      ++s.calls;
      s.durable = ok;
      s.on_disk = disk.empty() ? 0 : disk.back();
    };
    if (auto now_ = gc.when_durable(w)) (*now_)(true);
  }
};

}  // namespace

TEST_CASE("a burst of changes nobody waits for costs one write per gap, not one per change") {
  Rig r;
  r.change();
  CHECK(r.pump().what == Next::write_now);  // the first change is written at once
  for (int i = 0; i < 999; ++i) {
    r.change();
    CHECK(r.pump().what == Next::nothing);  // a write is in flight: the changes batch up
  }
  r.complete();
  Next n = r.pump();
  REQUIRE(n.what == Next::wait_until);  // the gap since the last write has not passed
  CHECK(n.at == r.now + 100ms - 0ms);
  r.now += 100ms;
  CHECK(r.pump().what == Next::write_now);
  r.complete();
  CHECK(r.disk == std::vector<int>{1, 1000});
  CHECK(r.gc.settled());
  CHECK(r.pump().what == Next::nothing);
}

TEST_CASE("a waiter is answered only after the write that holds its change is durable") {
  Rig r;
  r.change();
  r.pump();  // write 1 holds change 1 and is in flight
  r.change();
  Rig::Seen seen;
  r.wait(seen);  // waits for change 2, which write 1 does not hold
  r.complete();
  CHECK(seen.calls == 0);
  CHECK(r.disk == std::vector<int>{1});
  // A waiter skips the batching gap: the client's answer should not wait for it.
  CHECK(r.pump().what == Next::write_now);
  CHECK(seen.calls == 0);
  r.complete();
  CHECK(seen.calls == 1);
  CHECK(seen.durable);
  CHECK(seen.on_disk == 2);
}

TEST_CASE("waiters for changes one write holds are all answered by that one write") {
  Rig r;
  Rig::Seen a, b, c;
  r.change();
  r.wait(a);
  r.change();
  r.wait(b);
  r.wait(c);
  CHECK(r.pump().what == Next::write_now);
  r.complete();
  CHECK(r.attempts == 1);
  for (auto* s : {&a, &b, &c}) {
    CHECK(s->calls == 1);
    CHECK(s->durable);
    CHECK(s->on_disk == 2);
  }
}

TEST_CASE("with nothing unsaved a waiter is answered at once") {
  Rig r;
  Rig::Seen s;
  r.wait(s);
  CHECK(s.calls == 1);
  CHECK(s.durable);
  r.change();
  r.pump();
  r.complete();
  Rig::Seen t;
  r.wait(t);
  CHECK(t.calls == 1);
  CHECK(r.attempts == 1);
}

TEST_CASE("a failed write tells its waiters, is retried later, and a new waiter tries at once") {
  Rig r;
  r.fail = true;
  Rig::Seen a;
  r.change();
  r.wait(a);
  r.pump();
  r.complete();
  CHECK(a.calls == 1);
  CHECK_FALSE(a.durable);  // the reply says not_saved
  CHECK(r.gc.failing());
  CHECK(r.gc.dirty());
  CHECK_FALSE(r.gc.settled());  // the broker must not exit with this unsaved

  // Nobody waits: the next try comes after the retry period, not after the short gap.
  Next n = r.pump();
  REQUIRE(n.what == Next::wait_until);
  CHECK(n.at == r.now + 5s);
  r.now += 1s;
  CHECK(r.pump().what == Next::wait_until);

  // A client's change does not wait for the retry timer: one attempt for its answer.
  r.fail = false;
  r.change();
  Rig::Seen b;
  r.wait(b);
  CHECK(r.pump().what == Next::write_now);
  r.complete();
  CHECK(b.durable);
  CHECK(b.on_disk == 2);
  CHECK_FALSE(r.gc.failing());
  CHECK(r.gc.settled());
}

TEST_CASE("changes made while a write is in flight keep the state dirty after it") {
  Rig r;
  r.change();
  r.pump();
  r.change();
  CHECK(r.gc.writing());
  r.complete();
  CHECK(r.gc.dirty());
  CHECK_FALSE(r.gc.writing());
  r.now += 100ms;
  r.pump();
  r.complete();
  CHECK(r.gc.settled());
  CHECK(r.disk.back() == r.state);
}

}  // namespace mb::core::state
