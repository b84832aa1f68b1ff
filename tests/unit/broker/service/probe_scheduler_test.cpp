#include "broker/service/probe_scheduler.hpp"

#include <catch2/catch.hpp>

namespace mb::broker::service {
namespace {

using namespace std::chrono_literals;
using Ask = ProbeScheduler::Ask;
using core::supervisor::ProbeFinished;
using core::supervisor::ProbeOutcome;

const ProbeScheduler::Client kNobody{65534, false};
const ProbeScheduler::Client kRoot{0, true};
const auto t0 = std::chrono::steady_clock::time_point{} + 1h;

// Counts the answers a waiter gets, and keeps the last.
struct Answers {
  int results = 0, errors = 0;
  std::string last;
  ProbeScheduler::Waiter waiter() {
    return [this](const util::Result<ProbeFinished>& r) {
      if (r)
        ++results, last = r->detail;
      else
        ++errors, last = r.error();
    };
  }
};

const ProbeFinished kTimedOut{ProbeOutcome::ambiguous, "timed out after 2 s"};

}  // namespace

TEST_CASE("sixteen requests for one mount start one probe and all get its result") {
  ProbeScheduler s(5s, 2);
  Answers a;
  CHECK(s.ask("a", kNobody, a.waiter(), t0) == Ask::queued);
  for (int i = 1; i < 16; ++i) CHECK(s.ask("a", kNobody, a.waiter(), t0) == Ask::joined);
  CHECK(s.next(2) == std::optional<std::string>("a"));
  CHECK_FALSE(s.next(2));  // nothing else is queued: one child for sixteen requests
  CHECK(s.running() == 1);
  auto done = s.finish("a", kTimedOut, t0 + 2s);
  CHECK_FALSE(done.to_supervisor);  // nobody's probe moves nothing
  for (auto& w : done.waiters) w(kTimedOut);
  CHECK(a.results == 16);
  CHECK(s.running() == 0);
  CHECK_FALSE(s.pending("a"));
}

TEST_CASE("probes of different mounts run at most max_parallel_probes at once") {
  ProbeScheduler s(5s, 10);
  Answers a;
  for (const char* n : {"a", "b", "c"}) CHECK(s.ask(n, kNobody, a.waiter(), t0) == Ask::queued);
  CHECK(s.next(2) == std::optional<std::string>("a"));
  CHECK(s.next(2) == std::optional<std::string>("b"));
  CHECK_FALSE(s.next(2));
  CHECK(s.queued("c"));
  s.finish("a", kTimedOut, t0);
  CHECK(s.next(2) == std::optional<std::string>("c"));
}

TEST_CASE(
    "an unprivileged request reuses a result younger than the window, a privileged one never") {
  ProbeScheduler s(5s, 2);
  Answers a;
  s.ask("a", kNobody, a.waiter(), t0);
  s.next(2);
  for (auto& w : s.finish("a", kTimedOut, t0).waiters) w(kTimedOut);
  CHECK(s.ask("a", kNobody, a.waiter(), t0 + 4s) == Ask::reused);
  CHECK(a.results == 2);
  CHECK_FALSE(s.pending("a"));
  CHECK(s.ask("a", kRoot, a.waiter(), t0 + 4s) == Ask::queued);
  CHECK(s.cancel("a").waiters.size() == 1);
  CHECK(s.ask("a", kNobody, a.waiter(), t0 + 5s) == Ask::queued);  // too old now
}

TEST_CASE("one unprivileged uid may start only so many probes, and joining costs nothing") {
  ProbeScheduler s(5s, 2);
  Answers a;
  CHECK(s.ask("a", kNobody, a.waiter(), t0) == Ask::queued);
  CHECK(s.ask("b", kNobody, a.waiter(), t0) == Ask::queued);
  CHECK(s.ask("c", kNobody, a.waiter(), t0) == Ask::refused);
  CHECK(s.ask("a", kNobody, a.waiter(), t0) == Ask::joined);
  CHECK(s.ask("c", ProbeScheduler::Client{1000, false}, a.waiter(), t0) == Ask::queued);
  CHECK(s.ask("d", kRoot, a.waiter(), t0) == Ask::queued);  // root is not capped
  CHECK(s.started_by(65534) == 2);
  s.next(4);
  s.finish("a", kTimedOut, t0);
  CHECK(s.started_by(65534) == 1);
  CHECK(s.ask("e", kNobody, a.waiter(), t0) == Ask::queued);
}

TEST_CASE("a sweep or a privileged client joining makes the result go to the supervisor") {
  ProbeScheduler s(5s, 2);
  Answers a;
  s.ask("a", kNobody, a.waiter(), t0);
  CHECK_FALSE(s.want("a"));  // joined: no second probe
  CHECK(s.finish("a", kTimedOut, t0).to_supervisor);
  s.ask("b", kNobody, a.waiter(), t0);
  s.ask("b", kRoot, a.waiter(), t0);
  auto done = s.finish("b", kTimedOut, t0);
  CHECK(done.to_supervisor);
  CHECK(done.waiters.size() == 2);
  CHECK(s.want("c"));
  CHECK(s.pending("c"));
}

TEST_CASE("a cancelled probe hands back its waiters and frees its slot") {
  ProbeScheduler s(5s, 1);
  Answers a;
  s.ask("a", kNobody, a.waiter(), t0);
  s.next(1);
  auto done = s.cancel("a");
  CHECK(done.waiters.size() == 1);
  CHECK(s.running() == 0);
  CHECK(s.started_by(65534) == 0);
  CHECK(s.ask("a", kNobody, a.waiter(), t0) == Ask::queued);  // no result was remembered
}

}  // namespace mb::broker::service
