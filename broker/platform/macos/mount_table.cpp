// macOS: getfsstat(MNT_NOWAIT) answers from the kernel's list without asking any file system,
// so a dead share cannot block it. UNTESTED here (no macOS in CI); mirrors the Linux reader.
#include "broker/mount_table/mount_table.hpp"

#include <sys/mount.h>
#include <sys/param.h>
#include <sys/ucred.h>

#include <cerrno>
#include <vector>

#include "util/errno_text.hpp"

namespace mb::broker::mount_table {
namespace {

class MacMountTable : public MountTable {
 public:
  util::Result<std::vector<MountEntry>> read() override {
    // The count can grow between the two calls: leave room and retry once if it filled up.
    for (int attempt = 0; attempt < 2; ++attempt) {
      int n = getfsstat(nullptr, 0, MNT_NOWAIT);
      if (n < 0) return util::error(util::errno_text("getfsstat", errno));
      std::vector<struct statfs> buf(static_cast<size_t>(n) + 16);
      int got =
          getfsstat(buf.data(), static_cast<int>(buf.size() * sizeof(struct statfs)), MNT_NOWAIT);
      if (got < 0) return util::error(util::errno_text("getfsstat", errno));
      if (static_cast<size_t>(got) == buf.size()) continue;
      std::vector<MountEntry> out;
      for (int i = 0; i < got; ++i) {
        const struct statfs& s = buf[static_cast<size_t>(i)];
        MountEntry e;
        e.mount_point = s.f_mntonname;
        e.source = s.f_mntfromname;
        e.fstype = s.f_fstypename;
        e.device = static_cast<std::uint64_t>(static_cast<std::uint32_t>(s.f_fsid.val[0]));
        out.push_back(std::move(e));
      }
      return out;
    }
    return util::error("getfsstat: the mount table kept growing");
  }
};

}  // namespace

std::unique_ptr<MountTable> make_system_mount_table() {
  return std::make_unique<MacMountTable>();
}

}  // namespace mb::broker::mount_table
