#include "core/mount_table/fsstat.hpp"

#include <catch2/catch.hpp>

#include "core/reconcile/reconcile.hpp"

namespace mt = mb::core::mount_table;
namespace dm = mt::darwin_mnt;

TEST_CASE("an smbfs entry drops the user so it matches the config's source", "[fsstat]") {
  auto from =
      GENERATE(as<std::string>{}, "//alice@nas.local/photos", "//CORP;alice@nas.local/photos",
               "//nas.local/photos", "//guest@nas.local/photos");
  auto entries = mt::fsstat_entries({{from, "/Volumes/photos", "smbfs", 0x2d000007u,
                                      dm::kNosuid | dm::kNodev | dm::kDontbrowse}});
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].source == "//nas.local/photos");
  CHECK(entries[0].mount_point == "/Volumes/photos");
  CHECK(entries[0].fstype == "smbfs");
  CHECK(entries[0].device == 0x2d000007u);
  CHECK(entries[0].options == "rw,nosuid,nodev,nobrowse");
  CHECK(mb::core::reconcile::normalize_source(mb::core::config::MountType::smb,
                                              entries[0].source) == "//nas.local/photos");
}

TEST_CASE("an @ in a share name is not taken for a user", "[fsstat]") {
  auto entries = mt::fsstat_entries({{"//nas/team@home", "/Volumes/t", "smbfs", 1, 0}});
  CHECK(entries[0].source == "//nas/team@home");
}

TEST_CASE("other file systems keep their source, and the order is kept", "[fsstat]") {
  auto entries =
      mt::fsstat_entries({{"/dev/disk3s1s1", "/", "apfs", 16777232u, dm::kRdonly | dm::kLocal},
                          {"alice@host:/x", "/Volumes/x", "macfuse", 3, 0},
                          {"nas:/export", "/Volumes/x", "nfs", 4, dm::kNoexec}});
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].source == "/dev/disk3s1s1");
  CHECK(entries[0].options == "ro,local");
  CHECK(entries[1].source == "alice@host:/x");
  CHECK(entries[2].options == "rw,noexec");
  CHECK(entries[2].mount_point == "/Volumes/x");
}
