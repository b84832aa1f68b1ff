// The Linux mount table against the real kernel and glibc: the portable parser's device
// numbers must be the st_dev that stat() reports.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <catch2/catch.hpp>
#include <string>

#include "broker/mount_table/mount_table.hpp"
#include "broker/mount_table/mountinfo.hpp"

namespace mt = mb::broker::mount_table;

TEST_CASE("mountinfo device numbers are glibc's makedev", "[linux_mount_table]") {
  auto [major_num, minor_num] = GENERATE(table<unsigned, unsigned>(
      {{0, 52}, {8, 1}, {259, 3}, {253, 1048575}, {4096, 0}, {4095, 255}, {0xfffff, 0xfffff}}));
  auto entries = mt::parse_mountinfo("1 2 " + std::to_string(major_num) + ":" +
                                     std::to_string(minor_num) + " / /mnt/d rw - ext4 /dev/x rw\n");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].device == makedev(major_num, minor_num));
}

TEST_CASE("the system mount table gives / the device stat reports", "[linux_mount_table]") {
  auto table = mt::make_system_mount_table()->read();
  REQUIRE(table);
  struct stat st {};
  REQUIRE(::stat("/", &st) == 0);
  const mt::MountEntry* root = nullptr;
  for (const auto& e : *table)
    if (e.mount_point == "/") root = &e;  // the last one is the one on top
  REQUIRE(root != nullptr);
  CHECK(root->device == static_cast<std::uint64_t>(st.st_dev));
}
