#include "core/backends/redact.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace be = mb::core::backends;

TEST_CASE("every occurrence of the secret is replaced", "[backends][redact]") {
  struct Case {
    std::string text;
    std::string secret;
    std::string out;
  };
  auto c = GENERATE(values<Case>({
      {"mount error(13): Permission denied", "hunter2", "mount error(13): Permission denied"},
      {"pass=hunter2,user=alice", "hunter2", "pass=***,user=alice"},
      {"hunter2hunter2 and hunter2\n", "hunter2", "****** and ***\n"},
      {"hunter2", "hunter2", "***"},
      {"", "hunter2", ""},
      {"anything", "", "anything"},
      {"a.b a*b", "a.b", "*** a*b"},
  }));
  CHECK(be::redact(c.text, c.secret) == c.out);
}

TEST_CASE("a secret with a tab or a newline in it is redacted from the raw text",
          "[backends][redact]") {
  CHECK(be::redact("got: pa\tss word\n", "pa\tss word") == "got: ***\n");
  CHECK(be::redact("got: pa\tss\nx", "pa\tss") == "got: ***\nx");
}

TEST_CASE("a piece of the secret where the text was cut is redacted", "[backends][redact]") {
  struct Case {
    std::string text;
    be::Cut cut;
    std::string out;
  };
  const std::string secret = "correct-horse";
  auto c = GENERATE(values<Case>({
      {"said correct-hor", {false, true}, "said ***"},  // cut at the end: a prefix
      {"rse battery", {true, false}, "*** battery"},    // cut at the start: a suffix
      {"-horse and correct-horse", {true, false}, "*** and ***"},
      {"said co", {false, true}, "said co"},                     // shorter than kMinPartialSecret
      {"said cor", {false, true}, "said ***"},                   // exactly kMinPartialSecret
      {"said correct-hor", {false, false}, "said correct-hor"},  // not cut: nothing to fear
      {"correct-horse", {true, true}, "***"},
  }));
  CHECK(be::redact(c.text, secret, c.cut) == c.out);
}
