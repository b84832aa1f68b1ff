// The retry policy of the error classes (core/supervisor/error_class.cpp).
#include <catch2/catch.hpp>

#include "core/supervisor/supervisor.hpp"

namespace mb::core::supervisor {
namespace {

TEST_CASE("only failures that may pass by themselves are retried automatically") {
  const std::pair<ErrorClass, bool> cases[] = {
      {ErrorClass::none, false},   {ErrorClass::auth, false}, {ErrorClass::network, true},
      {ErrorClass::config, false}, {ErrorClass::busy, true},  {ErrorClass::timeout, true},
      {ErrorClass::unknown, true},
  };
  for (const auto& [c, transient] : cases) {
    INFO(state::to_string(c));
    CHECK(is_transient(c) == transient);
  }
}

}  // namespace
}  // namespace mb::core::supervisor
