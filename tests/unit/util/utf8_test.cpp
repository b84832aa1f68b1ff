#include "util/utf8.hpp"

#include <catch2/catch.hpp>

using mb::util::to_valid_utf8;

namespace {
const std::string R = "\xEF\xBF\xBD";  // U+FFFD
}

TEST_CASE("valid UTF-8 passes through unchanged") {
  for (std::string s : {std::string(), std::string("plain ascii \"quoted\""),
                        std::string("\xc3\xbc \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf"),
                        std::string("nul\0byte", 8), std::string("\x7f\x01")}) {
    INFO(s);
    CHECK(to_valid_utf8(s) == s);
  }
}

TEST_CASE("each ill-formed part becomes one U+FFFD and the rest is kept") {
  struct Case {
    std::string in, out;
  };
  for (const auto& c : std::vector<Case>{
           {"\xff", R},
           {"a\xfe\xff"
            "b",
            "a" + R + R + "b"},
           {"end\xc3", "end" + R},  // truncated 2-byte
           {"\xe2\x82x", R + "x"},  // truncated 3-byte
           {"\xf0\x9f\x98"
            "A",
            R + "A"},                            // truncated 4-byte
           {"\x80", R},                          // lone continuation
           {"\xc0\xaf", R + R},                  // overlong '/'
           {"\xe0\x80\xaf", R + R + R},          // overlong, 3 bytes
           {"\xed\xa0\x80", R + R + R},          // UTF-16 surrogate
           {"\xf4\x90\x80\x80", R + R + R + R},  // above U+10FFFF
           {"\xf5\x80", R + R},                  // never a lead byte
           {"ok\xc3\xbc\xc3", "ok\xc3\xbc" + R},
           // runs of valid text between ill-formed parts are kept whole
           {"a\xc3\xbc"
            "b\xff"
            "c\xe2\x82\xac"
            "d\xfe",
            "a\xc3\xbc"
            "b" +
                R +
                "c\xe2\x82\xac"
                "d" +
                R},
       }) {
    INFO(c.in);
    CHECK(to_valid_utf8(c.in) == c.out);
  }
}

TEST_CASE("an ill-formed byte is found wherever it sits in a long ASCII run") {
  // ASCII is skipped eight bytes at a time: each position around a word's edge is tried.
  for (std::size_t at = 0; at < 24; ++at) {
    std::string in(24, 'a');
    in[at] = '\xff';
    std::string out = in.substr(0, at) + R + in.substr(at + 1);
    INFO(at);
    CHECK(to_valid_utf8(in) == out);
    std::string valid = std::string(24, 'a').insert(at, "\xc3\xbc");
    CHECK(to_valid_utf8(valid) == valid);
  }
}
