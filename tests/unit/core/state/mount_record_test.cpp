#include "core/state/mount_record.hpp"

#include <catch2/catch.hpp>

namespace mb::core::state {
namespace {

TEST_CASE("every phase name round-trips and is spelled like its enumerator") {
  const std::pair<Phase, const char*> cases[] = {
      {Phase::unmounted, "unmounted"},   {Phase::mounting, "mounting"},
      {Phase::mounted, "mounted"},       {Phase::degraded, "degraded"},
      {Phase::recovering, "recovering"}, {Phase::backoff, "backoff"},
      {Phase::unmounting, "unmounting"}, {Phase::failed, "failed"},
  };
  for (const auto& [value, name] : cases) {
    CHECK(std::string(to_string(value)) == name);
    CHECK(phase_from_string(name) == value);
  }
}

TEST_CASE("every desired name round-trips and is spelled like its enumerator") {
  CHECK(std::string(to_string(Desired::mounted)) == "mounted");
  CHECK(std::string(to_string(Desired::unmounted)) == "unmounted");
  CHECK(desired_from_string("mounted") == Desired::mounted);
  CHECK(desired_from_string("unmounted") == Desired::unmounted);
}

TEST_CASE("every finding name round-trips and is spelled like its enumerator") {
  const std::pair<Finding, const char*> cases[] = {
      {Finding::none, "none"},           {Finding::ok, "ok"},
      {Finding::lost, "lost"},           {Finding::adopted, "adopted"},
      {Finding::conflict, "conflict"},   {Finding::orphan, "orphan"},
      {Finding::unmounted, "unmounted"},
  };
  for (const auto& [value, name] : cases) {
    CHECK(std::string(to_string(value)) == name);
    CHECK(finding_from_string(name) == value);
  }
}

TEST_CASE("unknown enum names are rejected rather than guessed") {
  CHECK_FALSE(phase_from_string("Mounted").has_value());
  CHECK_FALSE(phase_from_string("").has_value());
  CHECK_FALSE(phase_from_string("3").has_value());
  CHECK_FALSE(desired_from_string("maybe").has_value());
  CHECK_FALSE(finding_from_string("ok ").has_value());
}

TEST_CASE("State::find returns the record with that name, or null") {
  State s;
  for (const char* name : {"a", "b"}) {
    MountRecord r;
    r.name = name;
    r.mountpoint = std::string("/mnt/") + name;
    s.mounts.push_back(r);
  }

  REQUIRE(s.find("b") != nullptr);
  CHECK(s.find("b")->mountpoint == "/mnt/b");
  CHECK(s.find("c") == nullptr);

  s.find("a")->recoveries = 3;
  const State& cs = s;
  REQUIRE(cs.find("a") != nullptr);
  CHECK(cs.find("a")->recoveries == 3);
  CHECK(cs.find("") == nullptr);
}

}  // namespace
}  // namespace mb::core::state
