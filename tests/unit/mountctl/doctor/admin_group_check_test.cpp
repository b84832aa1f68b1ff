#include "mountctl/doctor/admin_group_check.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace mb::ctl::doctor;

namespace {
GroupExists groups(std::set<std::string> have) {
  return [have](const std::string& g) { return have.count(g) > 0; };
}
}  // namespace

TEST_CASE("an admin_group that exists is fine") {
  auto f = check_admin_group("sudo", "/etc/mb.toml", groups({"sudo", "adm"}));
  CHECK(f.status == Status::ok);
  CHECK(f.fix.empty());
}

TEST_CASE("a missing admin_group warns and names an administrators' group this machine has") {
  // Debian: no wheel, but sudo.
  auto f = check_admin_group("wheel", "/etc/mb.toml", groups({"sudo", "adm"}));
  CHECK(f.status == Status::warn);
  CHECK_THAT(f.message, Catch::Contains("\"wheel\" does not exist here: only root may"));
  CHECK(f.fix == "set admin_group = \"sudo\" under [broker] in /etc/mb.toml, then mountctl reload");
}

TEST_CASE("with no known administrators' group the fix creates the one named") {
  auto f = check_admin_group("mbadmins", "/etc/mb.toml", groups({"adm"}));
  CHECK(f.status == Status::warn);
  CHECK_THAT(f.fix, Catch::StartsWith("sudo groupadd mbadmins"));
}
