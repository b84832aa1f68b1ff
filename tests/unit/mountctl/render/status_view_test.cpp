#include "mountctl/render/status_view.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::render;
using mb::proto::MountStatus;
using mb::proto::StatusResponse;

namespace {
StatusResponse sample() {
  StatusResponse s;
  MountStatus a;
  a.name = "photos";
  a.state = "mounted";
  a.desired = "mounted";
  a.finding = "adopted";
  a.mountpoint = "/Volumes/photos";
  a.source = "//nas/photos";
  MountStatus b;
  b.name = "scratch";
  b.state = "unmounted";
  b.desired = "mounted";
  b.finding = "lost";
  b.mountpoint = "/mnt/scratch dir";
  b.last_error = "lost: gone\nreally";
  s.mounts = {a, b};
  s.warnings = {"config is invalid"};
  return s;
}
}  // namespace

TEST_CASE("status shows the documented columns, reconcile news, and warnings") {
  auto out = status_table(sample(), 0, 0);
  CHECK_THAT(out,
             Catch::StartsWith("NAME     STATE              DESIRED  MOUNTPOINT        SOURCE"));
  CHECK_THAT(out, Catch::Contains("SINCE") && Catch::Contains("LAST ERROR"));
  CHECK_THAT(out, Catch::Contains("mounted (adopted)"));
  CHECK_THAT(out, Catch::Contains("unmounted (lost)"));
  CHECK_THAT(out, Catch::Contains("lost: gone really"));  // one row per mount
  CHECK_THAT(out, Catch::EndsWith("warning: config is invalid\n"));
}

TEST_CASE("mlist prints one absolute path per line, optionally only mounted ones") {
  CHECK(path_list(sample(), false) == "/Volumes/photos\n/mnt/scratch dir\n");
  CHECK(path_list(sample(), true) == "/Volumes/photos\n");
}

TEST_CASE("list prints one name per line, optionally only mounted ones") {
  CHECK(name_list(sample(), false) == "photos\nscratch\n");
  CHECK(name_list(sample(), true) == "photos\n");
}

TEST_CASE("times render as local time, and 0 as a dash") {
  CHECK(local_time(0) == "-");
  CHECK(local_time(1795290604).size() == 19);
}
