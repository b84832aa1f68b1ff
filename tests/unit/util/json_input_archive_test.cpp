#include "util/json_input_archive.hpp"

#include <catch2/catch.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using mb::util::JsonError;
using mb::util::JsonInputArchive;
using mb::util::JsonSyntaxError;
using mb::util::JsonTypeError;

// The archive reads what cereal's JSON archive read, the same way: names first at the current
// member then from the first, the same values of the same types, the same exceptions.

namespace {

struct Inner {
  std::string text = "default";
  std::int64_t number = -7;
  template <class A>
  void serialize(A& ar) {
    ar(cereal::make_nvp("text", text), cereal::make_nvp("number", number));
  }
};

struct Outer {
  int small = 0;
  unsigned usmall = 0;
  std::uint64_t big = 0;
  bool flag = false;
  std::vector<Inner> items;
  std::vector<std::int64_t> numbers;
  template <class A>
  void serialize(A& ar) {
    ar(cereal::make_nvp("small", small), cereal::make_nvp("usmall", usmall),
       cereal::make_nvp("big", big), cereal::make_nvp("flag", flag),
       cereal::make_nvp("items", items), cereal::make_nvp("numbers", numbers));
  }
};

template <class T>
T read_v(const std::string& json) {
  JsonInputArchive ar(json);
  T value{};
  ar(cereal::make_nvp("v", value));
  return value;
}

}  // namespace

TEST_CASE("json_input_archive: classes, vectors, strings, integers and booleans read back") {
  const std::string json = R"({"o": {"small": -5, "usmall": 7, "big": 18446744073709551615,
    "flag": true, "items": [{"text": "a\nb", "number": 9223372036854775807}, {"number": 0, "text": ""}],
    "numbers": [1, -2, 3]}})";
  JsonInputArchive ar(json);
  Outer o;
  ar(cereal::make_nvp("o", o));
  CHECK(o.small == -5);
  CHECK(o.usmall == 7);
  CHECK(o.big == std::numeric_limits<std::uint64_t>::max());
  CHECK(o.flag);
  REQUIRE(o.items.size() == 2);
  CHECK(o.items[0].text == "a\nb");
  CHECK(o.items[0].number == std::numeric_limits<std::int64_t>::max());
  CHECK(o.items[1].text.empty());
  CHECK(o.numbers == std::vector<std::int64_t>{1, -2, 3});
}

TEST_CASE("json_input_archive: fields out of order are found, absent ones keep no value") {
  const std::string json = R"({"b": 2, "a": 1, "c": 3})";
  JsonInputArchive ar(json);
  int a = 0, b = 0, c = 0;
  ar(cereal::make_nvp("a", a), cereal::make_nvp("c", c), cereal::make_nvp("b", b));
  CHECK((a == 1 && b == 2 && c == 3));
  CHECK(ar.find("a"));
  CHECK_FALSE(ar.find("d"));
  // cereal's archive threw this for a name it did not find; find() is the quiet way.
  int d = 4;
  try {
    ar(cereal::make_nvp("d", d));
    FAIL("read");
  } catch (const JsonError&) {
    FAIL("a missing name is not a JSON error");
  } catch (const cereal::Exception& e) {
    CHECK(std::string(e.what()) == "JSON Parsing failed - provided NVP (d) not found");
  }
  CHECK(d == 4);
}

TEST_CASE("json_input_archive: a duplicate name reads its first occurrence unless it is next") {
  const std::string json = R"({"a": 1, "a": 2, "b": 3})";
  JsonInputArchive ar(json);
  int x = 0, y = 0, z = 0;
  ar(cereal::make_nvp("a", x), cereal::make_nvp("a", y));
  CHECK((x == 1 && y == 2));
  ar(cereal::make_nvp("b", z), cereal::make_nvp("a", x));
  CHECK((z == 3 && x == 1));
}

TEST_CASE("json_input_archive: a field looked up with find() may be missing, at no cost") {
  struct Optional {
    std::string text = "default";
    int n = 0;
    void load(JsonInputArchive& ar) {
      if (ar.find("text")) ar(cereal::make_nvp("text", text));
      ar(cereal::make_nvp("n", n));
    }
  };
  Optional o = read_v<Optional>(R"({"v": {"n": 5}})");
  CHECK(o.text == "default");
  CHECK(o.n == 5);
  o = read_v<Optional>(R"({"v": {"n": 6, "text": "t"}})");
  CHECK(o.text == "t");
  CHECK(o.n == 6);
  // Named by serialize() and absent: cereal's not-found exception, as before.
  CHECK_THROWS_AS(read_v<Inner>(R"({"v": {"number": 5}})"), cereal::Exception);
}

TEST_CASE("json_input_archive: integers outside the type read are type errors, at each edge") {
  CHECK(read_v<int>(R"({"v": 2147483647})") == 2147483647);
  CHECK(read_v<int>(R"({"v": -2147483648})") == std::numeric_limits<int>::min());
  CHECK_THROWS_AS(read_v<int>(R"({"v": 2147483648})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<int>(R"({"v": -2147483649})"), JsonTypeError);
  CHECK(read_v<unsigned>(R"({"v": 4294967295})") == 4294967295U);
  CHECK_THROWS_AS(read_v<unsigned>(R"({"v": 4294967296})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<unsigned>(R"({"v": -1})"), JsonTypeError);
  CHECK(read_v<unsigned>(R"({"v": -0})") == 0);
  CHECK(read_v<std::int64_t>(R"({"v": 9223372036854775807})") ==
        std::numeric_limits<std::int64_t>::max());
  CHECK(read_v<std::int64_t>(R"({"v": -9223372036854775808})") ==
        std::numeric_limits<std::int64_t>::min());
  CHECK_THROWS_AS(read_v<std::int64_t>(R"({"v": 9223372036854775808})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<std::int64_t>(R"({"v": -9223372036854775809})"), JsonTypeError);
  CHECK(read_v<std::uint64_t>(R"({"v": 18446744073709551615})") ==
        std::numeric_limits<std::uint64_t>::max());
  CHECK_THROWS_AS(read_v<std::uint64_t>(R"({"v": 18446744073709551616})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<std::uint64_t>(R"({"v": -1})"), JsonTypeError);
  // 16-bit and 8-bit types were read as 32 bits and cast, as cereal did.
  CHECK(read_v<std::int16_t>(R"({"v": 65537})") == 1);
  CHECK(read_v<std::uint8_t>(R"({"v": 258})") == 2);
  // Fractions, exponents, strings, booleans and null are not integers.
  for (const char* v : {"1.0", "1e2", "\"1\"", "true", "null", "[1]", "{}", "NaN"}) {
    INFO(v);
    CHECK_THROWS_AS(read_v<int>(std::string("{\"v\": ") + v + "}"), JsonTypeError);
  }
}

TEST_CASE("json_input_archive: strings, booleans, arrays and objects only from their own kind") {
  CHECK_THROWS_AS(read_v<std::string>(R"({"v": 1})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<std::string>(R"({"v": null})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<bool>(R"({"v": 1})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<bool>(R"({"v": "true"})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<std::vector<int>>(R"({"v": {}})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<std::vector<int>>(R"({"v": "x"})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<std::vector<int>>(R"({"v": [1, "x"]})"), JsonTypeError);
  CHECK_THROWS_AS(read_v<Inner>(R"({"v": 5})"), JsonTypeError);
  CHECK(read_v<std::vector<int>>(R"({"v": []})").empty());
  CHECK(read_v<double>(R"({"v": -1.5e3})") == -1500.0);
  CHECK(read_v<double>(R"({"v": 7})") == 7.0);
  try {
    read_v<int>(R"({"v": "seven"})");
    FAIL("read");
  } catch (const JsonTypeError& e) {
    CHECK_THAT(e.what(), Catch::Contains("\"v\""));
  }
}

TEST_CASE("json_input_archive: the top level is an object, an array has no names") {
  CHECK_THROWS_AS(JsonInputArchive("5"), JsonTypeError);
  CHECK_THROWS_AS(JsonInputArchive("\"x\""), JsonTypeError);
  CHECK_THROWS_AS(JsonInputArchive("null"), JsonTypeError);
  CHECK_THROWS_AS(JsonInputArchive("{"), JsonSyntaxError);
  JsonInputArchive ar("[1, 2]");
  CHECK_FALSE(ar.find("v"));
  // Read by position, as cereal read a top-level array.
  int a = 0;
  ar(a);
  CHECK(a == 1);
  // A class read from an array finds none of its names.
  CHECK_THROWS_AS(read_v<Inner>(R"({"v": ["text", "x"]})"), cereal::Exception);
}

TEST_CASE("json_input_archive: the nesting limit is the caller's") {
  const std::string deep = R"({"v": [[[1]]]})";
  CHECK_NOTHROW(JsonInputArchive(deep, 4));
  CHECK_THROWS_AS(JsonInputArchive(deep, 3), mb::util::JsonTooDeep);
}
