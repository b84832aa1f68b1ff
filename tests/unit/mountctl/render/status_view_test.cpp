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

TEST_CASE("each row shows its own since, whether or not it is the row before's") {
  auto s = sample();
  s.mounts.push_back(s.mounts[1]);
  s.mounts[0].since = 1'700'000'000;
  s.mounts[1].since = 1'700'000'000;
  s.mounts[2].since = 1'700'003'600;
  auto out = status_table(s, 0, 0);
  CHECK_THAT(out, Catch::Contains(local_time(1'700'000'000)));
  CHECK_THAT(out, Catch::Contains(local_time(1'700'003'600)));
  std::size_t lines = 0, first = 0, second = 0;
  for (std::size_t at = 0; (at = out.find('\n', at)) != std::string::npos; ++at) ++lines;
  for (std::size_t at = 0; (at = out.find(local_time(1'700'000'000), at)) != std::string::npos;
       ++at)
    ++first;
  for (std::size_t at = 0; (at = out.find(local_time(1'700'003'600), at)) != std::string::npos;
       ++at)
    ++second;
  CHECK(lines == 5);  // header, three mounts, a warning
  CHECK(first == 2);
  CHECK(second == 1);
}
