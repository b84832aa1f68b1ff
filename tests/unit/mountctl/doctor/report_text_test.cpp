#include "mountctl/doctor/report_text.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("one line per finding, the fix on the next, then a summary") {
  Findings f{
      {"socket", "/run/mount-broker.sock", Status::ok, "answers", ""},
      {"mountpoint", "photos", Status::problem, "/mnt/photos does not exist",
       "mkdir -p /mnt/photos"},
      {"helper", "sshfs", Status::warn, "odd", "apt-get install sshfs"},
      {"service", "systemd", Status::note, "not running", ""},
  };
  CHECK(report_text(f) ==
        "ok       socket       /run/mount-broker.sock: answers\n"
        "PROBLEM  mountpoint   photos: /mnt/photos does not exist\n"
        "  fix: mkdir -p /mnt/photos\n"
        "warn     helper       sshfs: odd\n"
        "  fix: apt-get install sshfs\n"
        "note     service      systemd: not running\n"
        "1 problem, 1 warning (1 note)\n");
}

TEST_CASE("the summary says healthy only when nothing is wrong and everything was checked") {
  Findings ok{{"config", "/etc/c.toml", Status::ok, "valid", ""},
              {"service", "systemd", Status::note, "not running", ""}};
  CHECK_THAT(report_text(ok), Catch::EndsWith("\nhealthy: no problems, no warnings (1 note)\n"));
  ok.push_back(
      {"config", "/etc/c.toml", Status::skipped, "cannot read it", "sudo mountctl doctor"});
  CHECK_THAT(report_text(ok),
             Catch::EndsWith("\nno problems or warnings found, but 1 check could not run "
                             "(1 note)\n"));
  Findings warn{{"state", "/var/lib/mb", Status::warn, "mode 0755", "chmod 0700 /var/lib/mb"},
                {"state", "/var/lib/mb", Status::skipped, "x", ""}};
  CHECK_THAT(report_text(warn),
             Catch::EndsWith("\n1 warning, no problems, 1 check could not run\n"));
  warn.push_back({"state", "/var/lib/mb", Status::skipped, "y", ""});
  warn.push_back({"service", "systemd", Status::note, "not running", ""});
  warn.push_back({"a", "", Status::problem, "x", "y"});
  CHECK_THAT(report_text(warn),
             Catch::EndsWith("\n1 problem, 1 warning, 2 checks could not run (1 note)\n"));
  Findings two{{"a", "", Status::problem, "x", "y"}, {"b", "", Status::problem, "x", "y"}};
  CHECK_THAT(report_text(two), Catch::EndsWith("\n2 problems, 0 warnings\n"));
}

TEST_CASE("a finding stays on its lines whatever its text holds, no subject, no colon") {
  Findings f{{"config", "", Status::problem, "line one\nline two", "a\nb"}};
  CHECK(report_text(f) ==
        "PROBLEM  config       line one line two\n"
        "  fix: a b\n"
        "1 problem, 0 warnings\n");
}
