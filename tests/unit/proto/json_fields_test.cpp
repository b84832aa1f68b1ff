#include "proto/json_fields.hpp"

#include <catch2/catch.hpp>

using namespace mb::proto;

namespace {
template <class Fn>
void read(const std::string& json, Fn&& fn) {
  mb::util::JsonInputArchive ar(json);
  fn(ar);
}
}  // namespace

TEST_CASE("json_fields: an absent optional field leaves the value as it was") {
  int n = 7;
  std::string s = "kept";
  read(R"({"n": 3})", [&](auto& ar) {
    CHECK(optional_field(ar, "n", n));
    CHECK_FALSE(optional_field(ar, "s", s));
  });
  CHECK(n == 3);
  CHECK(s == "kept");
}

TEST_CASE("json_fields: an absent required field is a FieldError naming it") {
  std::string name;
  read(R"({"other": "x"})", [&](auto& ar) {
    try {
      required_field(ar, "name", name);
      FAIL("no error");
    } catch (const FieldError& e) {
      CHECK(e.message == "missing field \"name\"");
    }
  });
}

TEST_CASE("json_fields: a field of the wrong type is an error, never taken for absent") {
  int n = 0;
  read(R"({"n": "three"})",
       [&](auto& ar) { CHECK_THROWS_AS(optional_field(ar, "n", n), mb::util::JsonTypeError); });
  bool b = false;
  read(R"({"b": 1})",
       [&](auto& ar) { CHECK_THROWS_AS(required_field(ar, "b", b), mb::util::JsonTypeError); });
}
