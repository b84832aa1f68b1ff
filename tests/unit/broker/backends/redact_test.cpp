#include "broker/backends/redact.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace be = mb::broker::backends;

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
