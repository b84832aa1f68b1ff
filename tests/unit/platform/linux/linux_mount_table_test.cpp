// The Linux mount table against the real kernel and glibc: the portable parser's device
// numbers must be the st_dev that stat() reports.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "core/mount_table/mountinfo.hpp"
#include "platform/mount_table.hpp"

namespace mt = mb::core::mount_table;
namespace pf = mb::platform;

TEST_CASE("mountinfo device numbers are glibc's makedev", "[linux_mount_table]") {
  auto [major_num, minor_num] = GENERATE(table<unsigned, unsigned>(
      {{0, 52}, {8, 1}, {259, 3}, {253, 1048575}, {4096, 0}, {4095, 255}, {0xfffff, 0xfffff}}));
  auto entries = mt::parse_mountinfo("1 2 " + std::to_string(major_num) + ":" +
                                     std::to_string(minor_num) + " / /mnt/d rw - ext4 /dev/x rw\n");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].device == makedev(major_num, minor_num));
}

TEST_CASE("the system mount table gives / the device stat reports", "[linux_mount_table]") {
  auto table = pf::make_system_mount_table()->read();
  REQUIRE(table);
  struct stat st {};
  REQUIRE(::stat("/", &st) == 0);
  const mt::MountEntry* root = nullptr;
  for (const auto& e : *table)
    if (e.mount_point == "/") root = &e;  // the last one is the one on top
  REQUIRE(root != nullptr);
  CHECK(root->device == static_cast<std::uint64_t>(st.st_dev));
}

TEST_CASE("the system mount table lists the root file system", "[mountinfo][system]") {
  auto table = pf::make_system_mount_table();
  REQUIRE(table);
  auto entries = table->read();
  REQUIRE(entries.ok());
  CHECK(std::any_of(entries->begin(), entries->end(),
                    [](const mt::MountEntry& e) { return e.mount_point == "/"; }));
}
