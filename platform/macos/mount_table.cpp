// macOS: getfsstat(MNT_NOWAIT) answers from the kernel's list without asking any file system,
// so a dead share cannot block it. Compiled and linked against the macOS 12 SDK, never run
// here; the conversion is core::mount_table::fsstat_entries, tested on every OS.
#include "platform/mount_table.hpp"

#include <sys/mount.h>
#include <sys/param.h>
#include <sys/ucred.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "core/mount_table/fsstat.hpp"
#include "util/errno_text.hpp"

namespace mb::platform {
namespace {

namespace dm = core::mount_table::darwin_mnt;
using core::mount_table::FsStat;
using core::mount_table::MountEntry;
static_assert(dm::kRdonly == MNT_RDONLY && dm::kNoexec == MNT_NOEXEC && dm::kNosuid == MNT_NOSUID &&
              dm::kNodev == MNT_NODEV && dm::kLocal == MNT_LOCAL &&
              dm::kDontbrowse == MNT_DONTBROWSE);

std::string field(const char* text, std::size_t size) {
  return std::string(text, ::strnlen(text, size));
}

FsStat copy(const struct statfs& s) {
  return {field(s.f_mntfromname, sizeof s.f_mntfromname),
          field(s.f_mntonname, sizeof s.f_mntonname), field(s.f_fstypename, sizeof s.f_fstypename),
          static_cast<std::uint32_t>(s.f_fsid.val[0]), s.f_flags};
}

class MacMountTable : public MountTable {
 public:
  util::Result<std::vector<MountEntry>> read() override {
    // The count can grow between the two calls: leave room, and retry when it filled up.
    for (int attempt = 0; attempt < 3; ++attempt) {
      const int n = getfsstat(nullptr, 0, MNT_NOWAIT);
      if (n < 0) return util::error(util::errno_text("getfsstat", errno));
      std::vector<struct statfs> buf(static_cast<std::size_t>(n) + 16);
      const int got =
          getfsstat(buf.data(), static_cast<int>(buf.size() * sizeof(struct statfs)), MNT_NOWAIT);
      if (got < 0) return util::error(util::errno_text("getfsstat", errno));
      if (static_cast<std::size_t>(got) == buf.size()) continue;
      std::vector<FsStat> table;
      table.reserve(static_cast<std::size_t>(got));
      for (int i = 0; i < got; ++i) table.push_back(copy(buf[static_cast<std::size_t>(i)]));
      return core::mount_table::fsstat_entries(table);
    }
    return util::error("getfsstat: the mount table kept growing");
  }
};

}  // namespace

std::unique_ptr<MountTable> make_system_mount_table() {
  return std::make_unique<MacMountTable>();
}

}  // namespace mb::platform
