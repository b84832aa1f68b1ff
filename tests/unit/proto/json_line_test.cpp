#include "proto/json_line.hpp"

#include <catch2/catch.hpp>

using namespace mb::proto;

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
