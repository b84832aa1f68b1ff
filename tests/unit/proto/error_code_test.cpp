#include "proto/error_code.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using mb::proto::error_code_from_string;
using mb::proto::ErrorCode;

// The wire carries the name: every code has its own, and the name reads back as that code.
TEST_CASE("error_code: every code has a distinct wire name that reads back") {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(ErrorCode::bad_response); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const std::string name{to_string(code)};
    INFO(i << " " << name);
    CHECK(names.insert(name).second);
    CHECK(error_code_from_string(name) == code);
  }
  CHECK(names.size() == 15);
}

TEST_CASE("error_code: the names are the documented ones, unknown names are refused") {
  CHECK(to_string(ErrorCode::not_saved) == "not_saved");
  CHECK(to_string(ErrorCode::permission_denied) == "permission_denied");
  CHECK_FALSE(error_code_from_string("Not_Saved"));
  CHECK_FALSE(error_code_from_string(""));
  CHECK_FALSE(error_code_from_string("not_saved "));
}
