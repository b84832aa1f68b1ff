#include "util/json_document.hpp"

#include <catch2/catch.hpp>
#include <string>

using mb::util::JsonDocument;
using mb::util::JsonNode;
using mb::util::JsonSyntaxError;
using mb::util::JsonTooDeep;

// What is JSON here is what rapidjson (with the flags cereal's archive set) accepted.

namespace {

bool parses(const std::string& text, unsigned depth = 64) {
  try {
    JsonDocument doc(text, depth);
    return true;
  } catch (const JsonSyntaxError&) {
    return false;
  }
}

// The value of `literal`, a JSON string.
std::string string_of(const std::string& literal) {
  JsonDocument doc(literal, 4);
  const JsonNode& n = doc.nodes().at(0);
  REQUIRE(n.kind == JsonNode::Kind::string);
  return std::string(n.string_view());
}

const JsonNode& number_of(const JsonDocument& doc) {
  const JsonNode& n = doc.nodes().at(0);
  REQUIRE(n.kind == JsonNode::Kind::number);
  return n;
}

}  // namespace

TEST_CASE("json_document: valid JSON of every kind parses") {
  for (const char* text :
       {"{}",
        "[]",
        "0",
        "-0",
        "1",
        "-1",
        "1.5",
        "-1.5e3",
        "1E+2",
        "1e-2",
        "0.0",
        "true",
        "false",
        "null",
        "\"\"",
        "\"x\"",
        "{\"a\":1}",
        "{\"a\":{\"b\":[1,2,{\"c\":null}]}}",
        "[[],{}]",
        " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ 1 , 2 ] \t\r\n, \"b\":true } \t\r\n",
        "{\"a\":1,\"a\":2}",
        "NaN",
        "-NaN",
        "Inf",
        "-Inf",
        "Infinity",
        "-Infinity",
        "[NaN,1]",
        "\"\xff\xfe bytes that are not UTF-8\"",
        "123456789012345678901234567890",
        "1e308"}) {
    INFO(text);
    CHECK(parses(text));
  }
  // The text ends at a NUL byte, as rapidjson's stream did.
  CHECK(parses(std::string("{\"v\":1} \0 x", 11)));
}

TEST_CASE("json_document: what is not JSON is refused with the byte it was found at") {
  for (const char* text : {"",
                           "   ",
                           "{",
                           "}",
                           "[",
                           "]",
                           "{\"a\"}",
                           "{\"a\":}",
                           "{\"a\" 1}",
                           "{a:1}",
                           "{'a':1}",
                           "{\"a\":1,}",
                           "[1,]",
                           "[,1]",
                           "[1 2]",
                           "{\"a\":1 \"b\":2}",
                           "{\"v\":1} x",
                           "{} {}",
                           "01",
                           "-01",
                           "00",
                           "+1",
                           ".5",
                           "1.",
                           "1.e3",
                           "1e",
                           "1e+",
                           "-",
                           "--1",
                           "0x10",
                           "tru",
                           "truex",
                           "nul",
                           "True",
                           "NULL",
                           "nan",
                           "inf",
                           "-inf",
                           "Infin",
                           "Infinit",
                           "Infinityx",
                           "NaNx",
                           "\"unterminated",
                           "\"\\x\"",
                           "\"\\u12\"",
                           "\"\\u12g4\"",
                           "\"\\\"",
                           "\"a\tb\"",
                           "\"a\nb\"",
                           "\"\x01\"",
                           "\"\\ud800\"",
                           "\"\\ud800x\"",
                           "\"\\ud800\\n\"",
                           "\"\\ud800\\u0041\"",
                           "\"\\udbff\\ud800\"",
                           "// comment\n{}",
                           "{} // comment",
                           "1e400",
                           "-1e400",
                           "[1]]",
                           "{\"a\":[}",
                           "\x01\x02",
                           "\xef\xbb\xbf{}"}) {
    INFO(text);
    CHECK_FALSE(parses(text));
  }
  try {
    JsonDocument doc("{\"a\": 1,,}", 4);
    FAIL("parsed");
  } catch (const JsonSyntaxError& e) {
    CHECK(e.offset == 8);
    CHECK_THAT(e.what(), Catch::Contains("byte 8"));
  }
}

TEST_CASE("json_document: nesting deeper than the limit is JsonTooDeep, strings not counted") {
  const auto nested = [](int n) { return std::string(n, '[') + std::string(n, ']'); };
  CHECK(parses(nested(16), 16));
  CHECK_THROWS_AS(JsonDocument(nested(17), 16), JsonTooDeep);
  std::string objects;
  for (int i = 0; i < 17; ++i) objects += "{\"a\":";
  CHECK_THROWS_AS(JsonDocument(objects, 16), JsonTooDeep);
  CHECK_THROWS_AS(JsonDocument(std::string(1000000, '['), 16), JsonTooDeep);
  CHECK(parses("{\"x\":\"" + std::string(100, '[') + "\"}", 16));
  CHECK(parses("{\"x\":\"\\\"" + std::string(100, '{') + "\"}", 16));
  CHECK(parses("{\"a\":{\"b\":{\"c\":[[[[[[[[[[[[[]]]]]]]]]]]]]}}}", 16));
  CHECK_THROWS_AS(JsonDocument("{\"a\":{\"b\":{\"c\":[[[[[[[[[[[[[[]]]]]]]]]]]]]]}}}", 16),
                  JsonTooDeep);
}

TEST_CASE("json_document: every escape, surrogate pairs and lone low surrogates") {
  CHECK(string_of(R"("\" \\ \/ \b \f \n \r \t")") == "\" \\ / \b \f \n \r \t");
  CHECK(string_of(R"("\u0041\u00e9\u20AC")") == "A\xc3\xa9\xe2\x82\xac");
  CHECK(string_of(R"("\ud83d\ude00")") == "\xf0\x9f\x98\x80");
  CHECK(string_of(R"("\uDBFF\uDFFF")") == "\xf4\x8f\xbf\xbf");
  // A low surrogate alone is encoded as it is (three bytes), as rapidjson did.
  CHECK(string_of(R"("\udc00")") == "\xed\xb0\x80");
  // Plain text around escapes, long runs on both sides.
  const std::string run(40, 'x');
  CHECK(string_of("\"" + run + "\\n" + run + "\\t\"") == run + "\n" + run + "\t");
  // Readers saw strings as C strings: an escaped NUL ends one.
  CHECK(string_of(R"("ab\u0000cd")") == "ab");
  // UTF-8 and bytes >= 0x80 pass as they are.
  CHECK(string_of("\"caf\xc3\xa9 \xff\"") == "caf\xc3\xa9 \xff");
}

TEST_CASE("json_document: a string or a name runs up to any special byte, word or not") {
  // Every position of a quote, backslash or control byte relative to 8-byte words.
  for (int len = 0; len < 20; ++len) {
    const std::string body(static_cast<std::size_t>(len), 'a');
    CHECK(string_of("\"" + body + "\"") == body);
    CHECK(string_of("\"" + body + "\\\"\"") == body + "\"");
    CHECK_FALSE(parses("\"" + body + "\x1f\""));
    CHECK_FALSE(parses("\"" + body));
  }
  // 0x7f and bytes >= 0x80 are not control characters.
  CHECK(string_of("\"\x7f\x80\xa0\xfe\xff\x7f\x80\xa0\xfe\xff\"") ==
        "\x7f\x80\xa0\xfe\xff\x7f\x80\xa0\xfe\xff");
}

TEST_CASE("json_document: integers say which types they fit, by one past each edge") {
  struct Case {
    const char* text;
    std::uint8_t fits;
  };
  constexpr std::uint8_t all =
      JsonNode::int32 | JsonNode::uint32 | JsonNode::int64 | JsonNode::uint64;
  constexpr std::uint8_t big = JsonNode::uint32 | JsonNode::int64 | JsonNode::uint64;
  for (const Case& c : std::initializer_list<Case>{
           {"0", all},
           {"-0", all},
           {"2147483647", all},
           {"2147483648", big},
           {"-2147483648", JsonNode::int32 | JsonNode::int64},
           {"-2147483649", JsonNode::int64},
           {"4294967295", big},
           {"4294967296", JsonNode::int64 | JsonNode::uint64},
           {"9223372036854775807", JsonNode::int64 | JsonNode::uint64},
           {"9223372036854775808", JsonNode::uint64},
           {"-9223372036854775808", JsonNode::int64},
           {"-9223372036854775809", 0},
           {"18446744073709551615", JsonNode::uint64},
           {"18446744073709551616", 0},
           {"1.0", 0},
           {"1e2", 0},
           {"NaN", 0},
       }) {
    INFO(c.text);
    JsonDocument doc(c.text, 4);
    CHECK(int(number_of(doc).fits) == int(c.fits));
  }
  JsonDocument max("18446744073709551615", 4);
  CHECK(number_of(max).magnitude == 18446744073709551615ULL);
  JsonDocument min("-9223372036854775808", 4);
  CHECK(number_of(min).magnitude == 9223372036854775808ULL);
  CHECK(number_of(min).flag);
}

TEST_CASE("json_document: children follow their parent and each knows where its subtree ends") {
  JsonDocument doc(R"({"a": [1, {"b": "x"}], "c": true})", 4);
  const auto& n = doc.nodes();
  REQUIRE(n.size() == 6);
  CHECK(n[0].kind == JsonNode::Kind::object);
  CHECK(n[0].size == 2);
  CHECK(n[0].next == 6);
  CHECK(n[1].key_view() == "a");
  CHECK(n[1].size == 2);
  CHECK(n[1].next == 5);
  CHECK(n[2].next == 3);
  CHECK(n[3].next == 5);
  CHECK(n[4].key_view() == "b");
  CHECK(n[4].string_view() == "x");
  CHECK(n[5].key_view() == "c");
  CHECK(n[5].flag);
}

TEST_CASE("json_document: an escaped name is unescaped and, like a string, ends at a NUL") {
  JsonDocument doc(R"({"n\u0061me": 1, "v\u0000x": 2})", 4);
  CHECK(doc.nodes().at(1).key_view() == "name");
  CHECK(doc.nodes().at(2).key_view() == "v");
}
