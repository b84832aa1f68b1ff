#include "core/backends/nfs_backend.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace be = mb::core::backends;
namespace cfg = mb::core::config;
using Argv = std::vector<std::string>;

namespace {

cfg::MountConfig nfs(std::vector<std::string> options) {
  cfg::MountConfig m;
  m.name = "media";
  m.type = cfg::MountType::nfs;
  m.server = "nas.local";
  m.share = "/export/media";
  m.mountpoint = "/mnt/media";
  m.settings.options = std::move(options);
  return m;
}

}  // namespace

TEST_CASE("nfs mounts soft with timeo and retrans defaults unless given", "[backends][nfs]") {
  struct Case {
    std::vector<std::string> options;
    std::string expected;
  };
  auto c = GENERATE(values<Case>({
      {{"soft", "nodev", "nosuid"}, "soft,nodev,nosuid,timeo=50,retrans=2"},
      {{"soft", "timeo=100"}, "soft,timeo=100,retrans=2"},
      {{"soft,retrans=5", "vers=4.2", "timeo=20"}, "soft,retrans=5,vers=4.2,timeo=20"},
      {{"soft", "sec=krb5", "soft"}, "soft,sec=krb5,timeo=50,retrans=2"},
  }));
  auto inv = be::nfs_invocation(nfs(c.options), "/mnt/media");
  REQUIRE(inv);
  CHECK(inv->argv ==
        Argv{"mount", "-t", "nfs", "-o", c.expected, "nas.local:/export/media", "/mnt/media"});
  CHECK(inv->env.empty());
  CHECK_FALSE(inv->stdin_data);
  CHECK_FALSE(inv->secret_fd_data);
  CHECK_FALSE(inv->detach);
}

TEST_CASE("an IPv6 nfs server is bracketed", "[backends][nfs]") {
  auto m = nfs({"soft"});
  m.server = "fd00::10";
  auto inv = be::nfs_invocation(m, "/mnt/media");
  REQUIRE(inv);
  CHECK(inv->argv.at(5) == "[fd00::10]:/export/media");
}

TEST_CASE("nfs refuses a password source, hard mounts and option-like servers", "[backends][nfs]") {
  auto m = nfs({"soft"});
  SECTION("credential file") {
    m.credential = cfg::Credential::file;
    auto inv = be::nfs_invocation(m, "/mnt/media");
    REQUIRE_FALSE(inv);
    CHECK_THAT(inv.error(), Catch::Contains("nfs mounts take no password"));
  }
  SECTION("hard") {
    m.settings.options = {"soft", "hard"};
    CHECK_FALSE(be::nfs_invocation(m, "/mnt/media"));
  }
  SECTION("server starting with -") {
    m.server = "-v";
    CHECK_FALSE(be::nfs_invocation(m, "/mnt/media"));
  }
}
