#include "core/backends/mount_options.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace be = mb::core::backends;
using Options = std::vector<std::string>;

TEST_CASE("options are flattened, trimmed and deduplicated in order", "[backends][options]") {
  struct Case {
    Options in;
    Options out;
  };
  auto c = GENERATE(values<Case>({
      {{"soft", "nodev", "nosuid"}, {"soft", "nodev", "nosuid"}},
      {{"soft,nodev", "vers=3.0"}, {"soft", "nodev", "vers=3.0"}},
      {{"soft, nodev ,", ",,", " "}, {"soft", "nodev"}},
      {{"soft", "nodev", "soft", "vers=3.0,vers=3.0"}, {"soft", "nodev", "vers=3.0"}},
      {{"noserverino", "port=4450", "soft"}, {"noserverino", "port=4450", "soft"}},
      {{}, {}},
  }));
  auto got = be::normalize_options(c.in);
  REQUIRE(got);
  CHECK(*got == c.out);
}

TEST_CASE("a password option is refused without echoing it", "[backends][options]") {
  auto opt = GENERATE(as<std::string>{}, "pass=hunter2", "password=hunter2", "PASSWD=hunter2",
                      "soft,secret=hunter2", "Password=");
  auto got = be::normalize_options({"soft", opt});
  REQUIRE_FALSE(got);
  CHECK_THAT(got.error(), Catch::Contains("must not carry a password"));
  CHECK_THAT(got.error(), !Catch::Contains("hunter2"));
}

TEST_CASE("one key with two different values is refused", "[backends][options]") {
  auto got = be::normalize_options({"soft", "vers=3.0", "vers=2.1"});
  REQUIRE_FALSE(got);
  CHECK(got.error() == "options give vers= twice with different values; keep one");
}

TEST_CASE("option keys and values are looked up by exact key", "[backends][options]") {
  const Options o{"soft", "vers=3.0", "sec=krb5i", "nodev"};
  CHECK(be::option_key("vers=3.0") == "vers");
  CHECK(be::option_key("soft") == "soft");
  CHECK(be::option_value(o, "vers") == std::optional<std::string_view>("3.0"));
  CHECK(be::option_value(o, "soft") == std::optional<std::string_view>(""));
  CHECK_FALSE(be::option_value(o, "ver"));
  CHECK(be::has_key(o, "sec"));
  CHECK_FALSE(be::has_key(o, "se"));
  CHECK(be::join_options(o) == "soft,vers=3.0,sec=krb5i,nodev");
}

TEST_CASE("soft is required and hard refused", "[backends][options]") {
  CHECK(be::require_soft({"soft", "nodev"}));
  CHECK_FALSE(be::require_soft({"nodev"}));
  CHECK_FALSE(be::require_soft({"soft", "hard"}));
}
