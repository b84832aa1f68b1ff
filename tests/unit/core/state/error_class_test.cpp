// The names of the error classes: what state.json and the protocol carry.
#include "core/state/error_class.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace mb::core::state {
namespace {

TEST_CASE("every error class name round-trips and none is the empty string") {
  const std::pair<ErrorClass, const char*> cases[] = {
      {ErrorClass::none, ""},           {ErrorClass::auth, "auth"},
      {ErrorClass::network, "network"}, {ErrorClass::config, "config"},
      {ErrorClass::busy, "busy"},       {ErrorClass::timeout, "timeout"},
      {ErrorClass::unknown, "unknown"},
  };
  for (const auto& [value, name] : cases) {
    CHECK(std::string(to_string(value)) == name);
    CHECK(error_class_from_string(name) == value);
  }
}

TEST_CASE("the \"none\" an older broker wrote for a failure without a class reads as none") {
  CHECK(error_class_from_string("none") == ErrorClass::none);
}

TEST_CASE("an unknown error class name is refused rather than guessed") {
  CHECK_FALSE(error_class_from_string("Auth").has_value());
  CHECK_FALSE(error_class_from_string("network ").has_value());
  CHECK_FALSE(error_class_from_string("timed out").has_value());
}

}  // namespace
}  // namespace mb::core::state
