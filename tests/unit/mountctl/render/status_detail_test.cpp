#include "mountctl/render/status_detail.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::render;

TEST_CASE("status NAME shows phase, retry, the whole error, source, options, probe and log") {
  mb::proto::MountStatus m;
  m.name = "photos";
  m.type = "smb";
  m.state = "failed";
  m.desired = "mounted";
  m.error_class = "auth";
  m.last_error = std::string(300, 'x') + "\nsecond line";
  m.source = "//nas.local/photos";
  m.mountpoint = "/mnt/photos";
  m.options = {"soft", "nodev"};
  m.recoveries = 3;
  m.last_probe_at = 0;
  auto out = status_detail(m, {"/var/log/mb.log", {"line one", "line two"}, ""}, 100);
  CHECK_THAT(out, Catch::StartsWith("photos (smb)\n"));
  CHECK_THAT(out, Catch::Contains("failure class: auth"));
  CHECK_THAT(out, Catch::Contains("will not retry (auth): run sudo mountctl setup photos"));
  CHECK_THAT(out, Catch::Contains(std::string(300, 'x') + "\n                 second line"));
  CHECK_THAT(out, Catch::Contains("//nas.local/photos"));
  CHECK_THAT(out, Catch::Contains("soft,nodev"));
  CHECK_THAT(out, Catch::Contains("recoveries:    3"));
  CHECK_THAT(out, Catch::Contains("last probe:    never"));
  CHECK_THAT(out, Catch::Contains("Recent log lines (/var/log/mb.log):\n  line one\n  line two\n"));
  m.last_probe_at = 1;
  m.last_probe_ms = 14;
  CHECK_THAT(
      status_detail(m, {"", {}, "no log here"}, 100),
      Catch::Contains(", took 14 ms") && Catch::Contains("No recent log lines: no log here"));
}
