// The names of the reasons a phase was entered for: what state.json and the protocol carry.
#include "core/state/reason.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace mb::core::state {
namespace {

TEST_CASE("every reason name round-trips and none is the empty string") {
  const std::pair<Reason, const char*> cases[] = {
      {Reason::none, ""},           {Reason::user, "user"},
      {Reason::idle, "idle"},       {Reason::probe, "probe"},
      {Reason::lost, "lost"},       {Reason::recovered, "recovered"},
      {Reason::error, "error"},     {Reason::sweep, "sweep"},
      {Reason::retry, "retry"},     {Reason::reconcile, "reconcile"},
      {Reason::adopted, "adopted"}, {Reason::conflict, "conflict"},
  };
  for (const auto& [value, name] : cases) {
    CHECK(std::string(to_string(value)) == name);
    CHECK(reason_from_string(name) == value);
  }
}

TEST_CASE("a reason this version does not know reads as none, not as an error") {
  CHECK(reason_from_string("hibernate") == Reason::none);
  CHECK(reason_from_string("Idle") == Reason::none);
}

}  // namespace
}  // namespace mb::core::state
