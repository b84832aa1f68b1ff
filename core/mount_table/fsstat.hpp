#pragma once
// macOS's mount table (getfsstat) as MountEntry values. Pure, so it is tested on every OS;
// platform/macos/mount_table.cpp copies each struct statfs into an FsStat and checks
// the flag values below against the SDK's at compile time.
#include <cstdint>
#include <vector>

#include "core/mount_table/mount_entry.hpp"

namespace mb::core::mount_table {

// Darwin's <sys/mount.h> flag bits that the broker shows.
namespace darwin_mnt {
inline constexpr std::uint64_t kRdonly = 0x1, kNoexec = 0x4, kNosuid = 0x8, kNodev = 0x10,
                               kLocal = 0x1000, kDontbrowse = 0x100000;
}

struct FsStat {
  std::string from;    // f_mntfromname: "//alice@nas.local/photos", "/dev/disk3s1", "map auto_home"
  std::string on;      // f_mntonname
  std::string fstype;  // f_fstypename: "smbfs", "apfs", "nfs", "macfuse", ...
  std::uint32_t fsid0 = 0;  // f_fsid.val[0], which is st_dev of every file on the volume
  std::uint64_t flags = 0;  // f_flags
};

// One entry per file system, in getfsstat's order (a later one stacks on an earlier one).
// smbfs shows the user it mounted as ("//alice@nas/photos", "//CORP;alice@nas/photos"): the
// user is dropped, so the source compares with the config's "//server/share". device is
// fsid0; options list rw or ro, then nosuid, nodev, noexec, nobrowse, local as set.
std::vector<MountEntry> fsstat_entries(const std::vector<FsStat>& table);

}  // namespace mb::core::mount_table
