#include "mountctl/doctor/fstab.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::doctor;

TEST_CASE("fstab entries keep their line numbers, comments and blank lines are skipped") {
  auto e = parse_fstab(
      "# /etc/fstab\n"
      "\n"
      "UUID=1234  /  ext4  errors=remount-ro  0  1\n"
      "  # indented comment\n"
      "//nas/photos\t/mnt/photos\tcifs\tnoauto,credentials=/root/c\t0\t0\n");
  REQUIRE(e.size() == 2);
  CHECK(e[0].line == 3);
  CHECK(e[0].mount_point == "/");
  CHECK(e[1].line == 5);
  CHECK(e[1].source == "//nas/photos");
  CHECK(e[1].mount_point == "/mnt/photos");
  CHECK(e[1].fstype == "cifs");
  CHECK(e[1].options == "noauto,credentials=/root/c");
}

TEST_CASE("fstab paths with an escaped space (octal 040) are decoded like the mount table") {
  auto e = parse_fstab("//nas/my\\040share /mnt/my\\040share cifs defaults 0 0\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].source == "//nas/my share");
  CHECK(e[0].mount_point == "/mnt/my share");
}

TEST_CASE("fstab lines with fewer than two fields are skipped, missing options mean defaults") {
  auto e = parse_fstab("lonely\n/dev/sdb1 /data\r\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].mount_point == "/data");
  CHECK(e[0].fstype.empty());
  CHECK(e[0].options == "defaults");
}

TEST_CASE("fstab options are matched whole, not as substrings") {
  CHECK(has_option("rw,noauto,user", "noauto"));
  CHECK(has_option("noauto", "noauto"));
  CHECK_FALSE(has_option("rw,noautomount", "noauto"));
  CHECK_FALSE(has_option("", "noauto"));
  CHECK(has_option("x-systemd.automount,noauto", "x-systemd.automount"));
}

TEST_CASE("fstab mount points lose trailing and repeated slashes, root stays") {
  auto e = parse_fstab(
      "//nas/photos /mnt/photos/ cifs noauto 0 0\n"
      "//nas/docs /mnt//docs// cifs noauto 0 0\n"
      "/dev/sda1 // ext4 defaults 0 1\n"
      "/dev/sda2 none swap sw 0 0\n"
      "//nas/my\\040share /mnt/my\\040share/ cifs defaults 0 0\n");
  REQUIRE(e.size() == 5);
  CHECK(e[0].source == "//nas/photos");
  CHECK(e[0].mount_point == "/mnt/photos");
  CHECK(e[1].mount_point == "/mnt/docs");
  CHECK(e[2].mount_point == "/");
  CHECK(e[3].mount_point == "none");
  CHECK(e[4].mount_point == "/mnt/my share");
}
