// state.json's format (core/state/state_json.cpp), pinned by golden files
// (tests/golden/state/*.json) like the protocol: writing a state must give the file byte for
// byte, and reading the file must give the state back. The schema1_* files were written by a
// broker of schema 1 and are never regenerated: each must still read as today's state. To
// change the format on purpose, bump State::kSchema, keep reading the old files (keep their
// goldens), and run the tests with MB_ACCEPT_GOLDEN=1.
#include "core/state/state_json.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "tests/support/golden.hpp"
#include "tests/support/state_samples.hpp"

namespace mb::core::state {
namespace {

using mb::test::error_of;
using mb::test::full_state;
using mb::test::record;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// One record per reason, each with another error class, so every name is in a golden file.
State every_reason() {
  const Reason reasons[] = {Reason::none,  Reason::user,      Reason::idle,    Reason::probe,
                            Reason::lost,  Reason::recovered, Reason::error,   Reason::sweep,
                            Reason::retry, Reason::reconcile, Reason::adopted, Reason::conflict};
  const ErrorClass classes[] = {ErrorClass::none,   ErrorClass::auth, ErrorClass::network,
                                ErrorClass::config, ErrorClass::busy, ErrorClass::timeout,
                                ErrorClass::unknown};
  State s;
  int i = 0;
  for (Reason reason : reasons) {
    MountRecord r = record("m" + std::to_string(i));
    r.reason = reason;
    r.error_class = classes[i % std::size(classes)];
    s.mounts.push_back(r);
    ++i;
  }
  return s;
}

// One record per phase, so every phase name is in a golden file.
State every_phase() {
  const Phase phases[] = {Phase::unmounted,  Phase::mounting, Phase::mounted,    Phase::degraded,
                          Phase::recovering, Phase::backoff,  Phase::unmounting, Phase::failed};
  State s;
  for (Phase phase : phases) {
    MountRecord r = record(to_string(phase));
    r.phase = phase;
    if (phase == Phase::backoff) r.next_attempt_at = 1700000060;
    s.mounts.push_back(r);
  }
  return s;
}

void check_state_golden(const std::string& name, const State& s) {
  mb::test::check_golden("state", name, to_json(s));
  auto back = from_json(mb::test::read_golden("state", name));
  INFO(error_of(back));
  REQUIRE(back);
  CHECK(*back == s);
}

TEST_CASE("states write to their golden files and read back to the same value") {
  check_state_golden("empty", State{});
  check_state_golden("full", full_state());
  check_state_golden("every_reason", every_reason());
  check_state_golden("every_phase", every_phase());
}

TEST_CASE("a schema 1 file reads as today's state: a waiting recovery is in backoff") {
  // Schema 1 wrote a recovery waiting for its next attempt as "recovering" with its time.
  auto old = from_json(mb::test::read_golden("state", "schema1_full"));
  INFO(error_of(old));
  REQUIRE(old);
  State expected = full_state();
  expected.counters = {};  // schema 1 had no metrics counters: they read as zero
  for (auto& m : expected.mounts) {
    m.failures.clear();
    // Nor tunnels: they read as none.
    m.tunnel_pid = 0;
    m.tunnel_start = 0;
    m.tunnel_port = 0;
  }
  CHECK(*old == expected);
  CHECK(old->schema == State::kSchema);
  CHECK(old->mounts[0].phase == Phase::backoff);
}

TEST_CASE("a schema 1 recovery with a child in flight stays recovering") {
  // Its child is gone with the broker that ran it; reconcile resumes it (core/reconcile).
  auto s = from_json(R"({"schema": 1, "mounts": [
      {"name": "a", "phase": "recovering", "next_attempt_at": 0},
      {"name": "b", "phase": "failed", "next_attempt_at": 1700000000}]})");
  INFO(error_of(s));
  REQUIRE(s);
  CHECK(s->mounts[0].phase == Phase::recovering);
  CHECK(s->mounts[1].phase == Phase::failed);  // only a recovery's wait became a phase
  CHECK(s->mounts[1].next_attempt_at == 1700000000);
}

TEST_CASE("a schema 2 file is read as it is written") {
  // "recovering" with a time cannot come from schema 2; it is not rewritten either.
  auto s = from_json(R"({"schema": 2, "mounts": [
      {"name": "a", "phase": "recovering", "next_attempt_at": 1700000000}]})");
  REQUIRE(s);
  CHECK(s->mounts[0].phase == Phase::recovering);
}

TEST_CASE("what an older broker wrote for a failure without a class reads as no class") {
  // It wrote "none" for a helper that failed without a classifiable status; today none is "".
  auto s = from_json(R"({"schema": 1, "mounts": [
      {"name": "a", "phase": "failed", "reason": "error", "error_class": "none"}]})");
  INFO(error_of(s));
  REQUIRE(s);
  REQUIRE(s->mounts.size() == 1);
  CHECK(s->mounts[0].error_class == ErrorClass::none);
  CHECK(s->mounts[0].reason == Reason::error);
  CHECK(contains(to_json(*s), R"("error_class": "",)"));
}

TEST_CASE("a state written before the metrics counters reads with them at zero") {
  auto s = from_json(R"({"schema": 1, "mounts": [{"name": "a", "phase": "mounted"}]})");
  INFO(error_of(s));
  REQUIRE(s);
  CHECK(s->counters == BrokerCounters{});
  REQUIRE(s->mounts.size() == 1);
  CHECK(s->mounts[0].failures.empty());
}

TEST_CASE("failure counts of a class this version does not know count as unknown") {
  auto s = from_json(R"({"schema": 1, "activations": 3, "mounts": [{"name": "a",
      "failures": [{"class": "a newer class", "count": 2}, {"class": "auth", "count": 1}]}]})");
  INFO(error_of(s));
  REQUIRE(s);
  CHECK(s->counters.activations == 3);
  REQUIRE(s->mounts.size() == 1);
  CHECK(s->mounts[0].failures ==
        std::vector<FailureCount>{{ErrorClass::unknown, 2}, {ErrorClass::auth, 1}});
}

TEST_CASE("a reason this version does not know reads as none and keeps the record") {
  auto s = from_json(R"({"schema": 1, "mounts": [
      {"name": "a", "phase": "mounted", "reason": "a newer reason", "recoveries": 2}]})");
  INFO(error_of(s));
  REQUIRE(s);
  REQUIRE(s->mounts.size() == 1);
  CHECK(s->mounts[0].reason == Reason::none);
  CHECK(s->mounts[0].phase == Phase::mounted);
  CHECK(s->mounts[0].recoveries == 2);
}

TEST_CASE("a full state round-trips through to_json and from_json") {
  const State s = full_state();
  auto back = from_json(to_json(s));
  INFO(error_of(back));
  REQUIRE(back);
  CHECK(*back == s);

  auto empty = from_json(to_json(State{}));
  REQUIRE(empty);
  CHECK(*empty == State{});
}

TEST_CASE("enums are written as their names and times as JSON integers") {
  const std::string text = to_json(full_state());
  CHECK(contains(text, R"("schema": 2)"));
  CHECK(contains(text, R"("phase": "backoff")"));
  CHECK(contains(text, R"("desired": "unmounted")"));
  CHECK(contains(text, R"("finding": "conflict")"));
  CHECK(contains(text, R"("since": 9000000000000,)"));
  CHECK(contains(text, R"("last_probe_at": -5,)"));
  CHECK(contains(text, R"("device": 18446744073709551000,)"));
  CHECK(contains(text, R"("root_had_entries": true,)"));
  CHECK(contains(text, R"("class": "network",)"));
  CHECK(contains(text, R"("activations": 41,)"));
  CHECK(text.front() == '{');
  CHECK(text.back() == '\n');
}

TEST_CASE("unknown extra fields are ignored, at the top level and in records") {
  auto s = from_json(R"({"future": {"x": [1, 2]}, "schema": 1, "mounts": [
      {"name": "a", "colour": "blue", "recoveries": 3, "extra": null}]})");
  INFO(error_of(s));
  REQUIRE(s);
  REQUIRE(s->mounts.size() == 1);
  CHECK(s->mounts[0].name == "a");
  CHECK(s->mounts[0].recoveries == 3);
}

TEST_CASE("a record with missing optional fields loads them as defaults") {
  auto s = from_json(R"({"schema": 1, "mounts": [
      {"fstype": "nfs", "name": "a"}, {"name": "b", "phase": "mounted"}]})");
  INFO(error_of(s));
  REQUIRE(s);
  REQUIRE(s->mounts.size() == 2);
  MountRecord a = record("a");
  a.fstype = "nfs";
  MountRecord b = record("b");
  b.phase = Phase::mounted;
  CHECK(s->mounts[0] == a);
  CHECK(s->mounts[1] == b);

  auto no_mounts = from_json(R"({"schema": 1})");
  REQUIRE(no_mounts);
  CHECK(no_mounts->mounts.empty());
}

TEST_CASE("a field of the wrong type is an error naming the field, not a crash") {
  const auto error_for = [](const std::string& record) {
    auto s = from_json(R"({"schema": 1, "mounts": [)" + record + "]}");
    REQUIRE_FALSE(s);
    return s.error();
  };
  CHECK(contains(error_for(R"({"name": "a", "recoveries": "x"})"), "recoveries"));
  CHECK(contains(error_for(R"({"name": "a", "device": -1})"), "device"));
  CHECK(contains(error_for(R"({"name": "a", "since": 1.5})"), "since"));
  CHECK(contains(error_for(R"({"name": "a", "consecutive_failures": 3000000000})"),
                 "consecutive_failures"));
  CHECK(contains(error_for(R"({"name": "a", "reason": null})"), "reason"));
  CHECK(contains(error_for(R"({"name": "a", "phase": 2})"), "phase"));
  CHECK(contains(error_for(R"({"name": 5})"), "name"));
  CHECK_FALSE(from_json(R"({"schema": "1", "mounts": []})"));
  CHECK_FALSE(from_json(R"({"schema": 1, "mounts": {}})"));
  CHECK_FALSE(from_json(R"({"schema": 1, "mounts": [5]})"));
}

TEST_CASE("an unknown enum string is an error") {
  auto s = from_json(R"({"schema": 1, "mounts": [{"name": "a", "phase": "hovering"}]})");
  REQUIRE_FALSE(s);
  CHECK(contains(s.error(), "hovering"));
  CHECK_FALSE(from_json(R"({"schema": 1, "mounts": [{"name": "a", "desired": "maybe"}]})"));
  CHECK_FALSE(from_json(R"({"schema": 1, "mounts": [{"name": "a", "finding": ""}]})"));
  CHECK_FALSE(from_json(R"({"schema": 1, "mounts": [{"name": "a", "error_class": "flaky"}]})"));
}

TEST_CASE("malformed JSON and non-object top levels are errors, not exceptions") {
  for (const char* text : {"", "   ", "{", R"({"schema": 1,})", R"({"schema": 1} trailing)", "[]",
                           "[1, 2]", "5", "null", "\"text\"", "\x01\x02"}) {
    INFO(text);
    CHECK_FALSE(from_json(text));
  }
}

TEST_CASE("a missing schema, a schema below 1 or a record without a name is an error") {
  CHECK_FALSE(from_json(R"({"mounts": []})"));
  CHECK_FALSE(from_json(R"({"schema": 0, "mounts": []})"));
  CHECK_FALSE(from_json(R"({"schema": 1, "mounts": [{"phase": "mounted"}]})"));
  CHECK_FALSE(from_json(R"({"schema": 1, "mounts": [{"name": ""}]})"));
}

TEST_CASE("a newer schema is reported through the schema field, its records unread") {
  auto s = from_json(R"({"schema": 3, "mounts": "a shape this version does not know"})");
  INFO(error_of(s));
  REQUIRE(s);
  CHECK(s->schema == 3);
  CHECK(s->mounts.empty());
}

TEST_CASE("a state file nested without end is an error, not a stack overflow") {
  auto s = from_json(R"({"schema": 2, "x": )" + std::string(1000000, '['));
  REQUIRE_FALSE(s);
  CHECK(contains(s.error(), "nested too deeply"));
  auto cut = from_json(R"({"schema": 2, "mounts": [{"name": "a", "source": "//nas/)");
  REQUIRE_FALSE(cut);
  CHECK(contains(cut.error(), "not valid JSON"));
}

}  // namespace
}  // namespace mb::core::state
