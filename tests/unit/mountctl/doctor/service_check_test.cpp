#include "mountctl/doctor/service_check.hpp"

#include <catch2/catch.hpp>
#include <map>

#include "util/build_config.hpp"

using namespace mb::ctl::doctor;
using mb::platform::ServiceManager;

namespace {
ServiceManager systemd() {
  ServiceManager m;
  m.name = "systemd";
  m.jobs = {{"mount-broker.socket",
             "owns the control socket",
             {{"enabled", {"systemctl", "is-enabled", "mount-broker.socket"}},
              {"active", {"systemctl", "is-active", "mount-broker.socket"}}},
             "systemctl enable --now mount-broker.socket"}};
  return m;
}
// Answers by the query's second word.
CommandRunner answers(std::map<std::string, CommandResult> by_verb) {
  return [by_verb](const std::vector<std::string>& argv) { return by_verb.at(argv.at(1)); };
}
}  // namespace

TEST_CASE("a job enabled and active is ok") {
  auto f = check_services(systemd(), answers({{"is-enabled", {true, 0, "enabled\n", ""}},
                                              {"is-active", {true, 0, "active\n", ""}}}));
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::ok);
  CHECK(f[0].message == "enabled, active");
}

TEST_CASE("a job not enabled is a problem with the command that enables it") {
  auto f = check_services(systemd(), answers({{"is-enabled", {true, 1, "disabled\n", ""}},
                                              {"is-active", {true, 0, "active\n", ""}}}));
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::problem);
  CHECK(f[0].subject == "mount-broker.socket");
  CHECK_THAT(f[0].message, Catch::StartsWith("mount-broker.socket is not enabled (disabled)"));
  CHECK(f[0].fix == "systemctl enable --now mount-broker.socket");
}

TEST_CASE("a service manager that cannot be asked is a note, not a problem") {
  auto m = systemd();
  m.unavailable = "not running here";
  auto f = check_services(m, [](const std::vector<std::string>&) -> CommandResult {
    FAIL("nothing may be run");
    return {};
  });
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::note);
}

TEST_CASE("a query that cannot run is skipped") {
  auto f = check_services(systemd(), answers({{"is-enabled", {false, -1, "", "not found"}}}));
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == Status::skipped);
}

TEST_CASE("without systemd the socket fix points at the installed inetd line, not systemctl") {
  CHECK(mb::platform::inetd_socket_fix("/usr/local/share/mount-broker/config.toml.example") ==
        "add the mount-broker line of /usr/local/share/mount-broker/inetd.conf to "
        "/etc/inetd.conf, then reload inetd");
  const ServiceManager m = mb::platform::service_manager();
  if (m.name != "systemd") return;  // launchd: its own fix
  if (mb::platform::systemd_running()) {
    CHECK(m.socket_fix == "systemctl enable --now mount-broker.socket");
  } else {
    CHECK(m.socket_fix == mb::platform::inetd_socket_fix(mb::util::kExampleConfig));
    CHECK_THAT(m.socket_fix, !Catch::Contains("systemctl"));
  }
}
