#include "core/backends/keychain_output.hpp"

#include <catch2/catch.hpp>

namespace be = mb::core::backends;

TEST_CASE("the keychain reader's output is the password without its newline",
          "[backends][keychain]") {
  auto pw = be::keychain_password_from(0, "s3cret pw\n", "nas.local", "alice");
  REQUIRE(pw);
  CHECK(*pw == "s3cret pw");
}

TEST_CASE("keychain reader failures never echo its output", "[backends][keychain]") {
  SECTION("no entry") {
    auto r = be::keychain_password_from(be::kSecurityItemNotFound, "hunter2", "nas.local", "alice");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error(), Catch::Contains("no System keychain entry for server \"nas.local\""));
    CHECK_THAT(r.error(), Catch::Contains("mountctl setup"));
    CHECK_THAT(r.error(), !Catch::Contains("hunter2"));
  }
  SECTION("another failure") {
    auto r = be::keychain_password_from(51, "hunter2", "nas.local", "alice");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error(), Catch::Contains("status 51"));
    CHECK_THAT(r.error(), !Catch::Contains("hunter2"));
  }
  SECTION("an empty password") {
    CHECK_FALSE(be::keychain_password_from(0, "\n", "nas.local", "alice"));
  }
}
