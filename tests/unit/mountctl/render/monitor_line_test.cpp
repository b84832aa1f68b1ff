#include "mountctl/render/monitor_line.hpp"

#include <catch2/catch.hpp>

#include "mountctl/render/status_view.hpp"

using mb::ctl::render::monitor_line;
using mb::proto::Event;

TEST_CASE("a monitor line says what changed, why and the error") {
  Event e;
  e.kind = "state";
  e.from = "mounted";
  e.changes = {"phase", "error"};
  e.mount.name = "photos";
  e.mount.state = "recovering";
  e.mount.reason = "probe";
  e.mount.error_class = "network";
  e.mount.last_error = "probe: stat: Transport endpoint is not connected";
  CHECK(monitor_line(e) ==
        "photos: mounted -> recovering (probe): network: probe: stat: Transport endpoint is not "
        "connected");
}

TEST_CASE("a monitor line for desired, recoveries and a cleared error") {
  Event e;
  e.kind = "state";
  e.from = "recovering";
  e.changes = {"phase", "desired", "recoveries", "error"};
  e.mount.name = "photos";
  e.mount.state = "mounted";
  e.mount.desired = "mounted";
  e.mount.recoveries = 3;
  CHECK(monitor_line(e) ==
        "photos: recovering -> mounted, wanted mounted, recoveries 3, error cleared");
}

TEST_CASE("monitor lines for hello, sweeps and kinds from a newer broker") {
  Event hello;
  hello.kind = "hello";
  hello.pid = 42;
  hello.version = "0.1.0";
  CHECK(monitor_line(hello) == "watching mount-broker 0.1.0 (pid 42)");
  Event start;
  start.kind = "sweep-start";
  CHECK(monitor_line(start) == "sweep started");
  Event end;
  end.kind = "sweep-end";
  end.duration_ms = 812;
  end.healthy = false;
  CHECK(monitor_line(end) == "sweep done in 812 ms: something is unhealthy");
  Event future;
  future.kind = "tunnel-up";
  CHECK(monitor_line(future) == "tunnel-up");
}

TEST_CASE("a monitor line's time is the time of day of status's local time") {
  CHECK(mb::ctl::render::time_of_day(1795290700) ==
        mb::ctl::render::local_time(1795290700).substr(11));
  CHECK(mb::ctl::render::time_of_day(1795290700).size() == 8);
}
