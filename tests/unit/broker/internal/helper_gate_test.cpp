#include "broker/internal/helper_gate.hpp"

#include <catch2/catch.hpp>

#include "platform/state_store.hpp"

namespace internal = mb::broker::internal;
namespace st = mb::core::state;

TEST_CASE("the gate opens only when the state names its pid as the mount's helper",
          "[helper_gate]") {
  st::State s;
  st::MountRecord r;
  r.name = "photos";
  r.helper_pid = 4242;
  r.helper_start = 77;
  s.mounts.push_back(r);
  r.name = "other";
  r.helper_pid = 99;
  s.mounts.push_back(r);
  const std::string text = st::to_json(s);
  CHECK(internal::gate_open(text, "photos", 4242));
  CHECK_FALSE(internal::gate_open(text, "photos", 99));  // another mount's helper
  CHECK_FALSE(internal::gate_open(text, "other", 4242));
  CHECK_FALSE(internal::gate_open(text, "missing", 4242));
  CHECK_FALSE(internal::gate_open("{not json", "photos", 4242));
}
