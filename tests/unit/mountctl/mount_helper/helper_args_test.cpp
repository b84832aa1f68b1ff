#include "mountctl/mount_helper/helper_args.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::mount_helper;

namespace {
HelperArgs ok(std::vector<std::string> args) {
  auto r = parse_helper_args(args);
  REQUIRE(std::holds_alternative<HelperArgs>(r));
  return std::get<HelperArgs>(r);
}
std::string error(std::vector<std::string> args) {
  auto r = parse_helper_args(args);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}
}  // namespace

TEST_CASE("mount helper args: systemd's mount(8) call, name and directory") {
  auto a = ok({"photos", "/mnt/photos", "-o", "rw,noauto,x-systemd.automount"});
  CHECK(a.name == "photos");
  CHECK(a.dir == "/mnt/photos");
  CHECK(a.options == std::vector<std::string>{"rw", "noauto", "x-systemd.automount"});
  CHECK_FALSE(a.fake);
}

TEST_CASE("mount helper args: autofs's location ':photos' names the mount photos") {
  auto a = ok({":photos", "/mnt/auto/photos/", "-s", "-o", "rw"});
  CHECK(a.name == "photos");
  CHECK(a.dir == "/mnt/auto/photos");
}

TEST_CASE("mount helper args: combined flags, -t and -N are taken with their values") {
  auto a = ok({"-sfnv", "photos", "-t", "mount-broker", "/mnt/p", "-N", "/proc/1/ns/mnt"});
  CHECK(a.fake);
  CHECK(a.verbose);
  CHECK(a.name == "photos");
  CHECK(a.dir == "/mnt/p");
}

TEST_CASE("mount helper args: bad invocations say what is wrong") {
  CHECK(error({"photos"}).find("expected a mount name and a directory") != std::string::npos);
  CHECK(error({"photos", "relative/dir"}).find("absolute") != std::string::npos);
  CHECK(error({":", "/mnt/x"}).find("empty") != std::string::npos);
  CHECK(error({"photos", "/mnt/x", "-o"}).find("-o needs a value") != std::string::npos);
  CHECK(error({"photos", "/mnt/x", "-z"}).find("unknown option -z") != std::string::npos);
  CHECK(error({"a", "/b", "/c"}).find("expected") != std::string::npos);
}
