#include "proto/json_line.hpp"

#include <catch2/catch.hpp>

using namespace mb::proto;

TEST_CASE("json_line: nesting is counted outside strings only, up to 16 levels") {
  CHECK_FALSE(too_deep(R"({"a":[1,{"b":2}]})"));
  CHECK_FALSE(too_deep(std::string(16, '[') + std::string(16, ']')));
  CHECK(too_deep(std::string(17, '[') + std::string(17, ']')));
  CHECK(too_deep(std::string(17, '{')));  // unclosed too: refused before the parser sees it
  // Brackets inside a string, or after an escaped quote inside it, do not count.
  CHECK_FALSE(too_deep("{\"x\":\"" + std::string(100, '[') + "\"}"));
  CHECK_FALSE(too_deep("{\"x\":\"\\\"" + std::string(100, '{') + "\"}"));
  CHECK(too_deep("\"\\\\\"" + std::string(17, '[')));  // an escaped backslash ends no string
  // An odd run of backslashes escapes the quote, an even one does not.
  CHECK_FALSE(too_deep("\"\\\\\\\"" + std::string(17, '[') + "\""));
  CHECK(too_deep("\"a\\\"b\\\\\"" + std::string(17, '[')));
  CHECK_FALSE(too_deep("\"unterminated " + std::string(17, '[')));
}

TEST_CASE("json_line: one trailing LF or CRLF is dropped, nothing else") {
  CHECK(trim_newline("{}\n") == "{}");
  CHECK(trim_newline("{}\r\n") == "{}");
  CHECK(trim_newline("{}") == "{}");
  CHECK(trim_newline("{}\n\n") == "{}\n");
  CHECK(trim_newline("") == "");
}

TEST_CASE("json_line: a written message is one line of valid UTF-8") {
  CHECK(one_line("{\n  \"a\": 1\n}") == "{  \"a\": 1}\n");
  CHECK(one_line("{}") == "{}\n");
  // A byte that is not UTF-8 (a helper's output, a file name) becomes U+FFFD; the structure
  // of the line is untouched.
  CHECK(one_line("{\"m\":\"a\xff"
                 "b\"}") ==
        "{\"m\":\"a\xEF\xBF\xBD"
        "b\"}\n");
  CHECK(one_line("{\"m\":\"\xC3\xA9\"}") == "{\"m\":\"\xC3\xA9\"}\n");  // valid UTF-8 stays
}
