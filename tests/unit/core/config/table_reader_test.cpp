#include "core/config/table_reader.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <string>

using namespace mb::core::config;

namespace {

// A [broker]-like table at line 1 of config.toml; `text` starts on line 2.
struct Reading {
  explicit Reading(const std::string& text)
      : doc(toml::parse("[t]\n" + text)),
        diag("config.toml"),
        r(*doc["t"].as_table(), "[t] ", 1, diag) {}
  toml::table doc;
  Diagnostics diag;
  TableReader r;
};

}  // namespace

TEST_CASE("table_reader: values of the right type are returned, absent keys are nullopt") {
  Reading t(R"(s = "x"
i = 5
f = 0.5
b = true
ss = ["a", "b"]
is = [1, 2])");
  CHECK(t.r.string("s") == "x");
  CHECK(t.r.integer("i", 1, 10) == 5);
  CHECK(t.r.number("f", 0, 1) == 0.5);
  CHECK(t.r.number("i", 0, 10) == 5.0);  // an integer is a number too
  CHECK(t.r.boolean("b") == true);
  CHECK(t.r.strings("ss") == std::vector<std::string>{"a", "b"});
  CHECK(t.r.integers("is", 0, 9) == std::vector<int>{1, 2});
  CHECK_FALSE(t.r.string("absent"));
  CHECK_FALSE(t.r.integer("absent", 0, 1));
  CHECK(t.r.has("s"));
  CHECK_FALSE(t.r.has("absent"));
  CHECK(t.diag.empty());
  CHECK(t.r.line_of("b") == 5);
  CHECK(t.r.line_of("absent") == 1);  // the table's line
}

TEST_CASE("table_reader: a wrong type names what was expected and what was found, at its line") {
  Reading t(R"(s = 5
i = "5"
f = "x"
b = 1
ss = "a"
is = [])");
  CHECK_FALSE(t.r.string("s"));
  CHECK_FALSE(t.r.integer("i", 0, 9));
  CHECK_FALSE(t.r.number("f", 0, 9));
  CHECK_FALSE(t.r.boolean("b"));
  CHECK_FALSE(t.r.strings("ss"));
  CHECK_FALSE(t.r.integers("is", 0, 9));
  CHECK(t.diag.text() ==
        "config.toml:2: [t] s: must be a string, got an integer\n"
        "config.toml:3: [t] i: must be an integer, got a string\n"
        "config.toml:4: [t] f: must be a number, got a string\n"
        "config.toml:5: [t] b: must be true or false, got an integer\n"
        "config.toml:6: [t] ss: must be an array of strings, got a string\n"
        "config.toml:7: [t] is: must be a non-empty array of integers, got an empty array");
}

TEST_CASE("table_reader: out-of-range numbers are refused, every bad element is reported") {
  Reading t(R"(i = 0
f = 2.5
nan = nan
ss = ["a", 1]
is = [1, 99, -1])");
  CHECK_FALSE(t.r.integer("i", 1, 10));
  CHECK_FALSE(t.r.number("f", 0, 2));
  CHECK_FALSE(t.r.number("nan", 0, 2));
  CHECK_FALSE(t.r.strings("ss"));
  CHECK_FALSE(t.r.integers("is", 0, 9));
  const std::string e = t.diag.text();
  CHECK_THAT(e, Catch::Contains(":2: [t] i: must be between 1 and 10, got 0"));
  CHECK_THAT(e, Catch::Contains(":3: [t] f: must be between 0 and 2, got 2.5"));
  CHECK_THAT(e, Catch::Contains(":4: [t] nan: must be between 0 and 2, got nan"));
  CHECK_THAT(e,
             Catch::Contains(":5: [t] ss: must be an array of strings, element 1 is an integer"));
  CHECK_THAT(e, Catch::Contains("[t] is[1]: must be between 0 and 9, got 99"));
  CHECK_THAT(e, Catch::Contains("[t] is[2]: must be between 0 and 9, got -1"));
}

TEST_CASE("table_reader: unknown keys are refused with a guess, password keys are left alone") {
  Reading t(R"(idle_exit_sec = 1
idle_exti_sec = 2
colour = "red"
password = "x")");
  constexpr std::array<std::string_view, 2> known{"idle_exit_sec", "socket"};
  t.r.reject_unknown(known);
  CHECK(t.diag.text() ==
        "config.toml:3: [t] idle_exti_sec: unknown key; remove it or fix the spelling (did you "
        "mean idle_exit_sec?)\n"
        "config.toml:4: [t] colour: unknown key; remove it or fix the spelling");
}

TEST_CASE("table_reader: missing, error and report messages carry the prefix") {
  Reading t("x = 1");
  t.r.missing("name", "add name = \"...\"");
  t.r.error("x", "is wrong");
  t.r.report(7, "something about the whole table");
  CHECK(t.diag.text() ==
        "config.toml:1: [t] name: missing; add name = \"...\"\n"
        "config.toml:2: [t] x: is wrong\n"
        "config.toml:7: [t] something about the whole table");
}

TEST_CASE("table_reader: type_name and line_of for messages") {
  auto doc = toml::parse("a = 1\nb = [1]\nc = {}\nd = 1979-05-27");
  CHECK(std::string(type_name(*doc.get("a"))) == "an integer");
  CHECK(std::string(type_name(*doc.get("b"))) == "an array");
  CHECK(std::string(type_name(*doc.get("c"))) == "a table");
  CHECK(std::string(type_name(*doc.get("d"))) == "a date");
  CHECK(line_of(*doc.get("b"), 99) == 2);
  toml::table made;  // built in code: no source position
  made.insert("k", 1);
  CHECK(line_of(*made.get("k"), 99) == 99);
}
