// Linux MountTable: /proc/self/mountinfo. Only the proc file is read; no mount point is ever
// stat'ed, so a dead network share cannot block us here.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <optional>
#include <string>

#include "core/mount_table/mountinfo.hpp"
#include "platform/mount_table.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform::linux_ {
namespace {

constexpr const char* kMountinfoPath = "/proc/self/mountinfo";

// Reads to EOF: proc files report size 0, so fstat cannot size the buffer.
util::Result<std::string> read_to_end(int fd, const char* path) {
  std::string text;
  char buf[16384];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::error(util::errno_text(std::string("read ") + path, errno));
    if (n == 0) return text;
    text.append(buf, static_cast<std::size_t>(n));
  }
}

// Reads the table once and again only when the kernel says it changed: the open mountinfo
// file polls POLLPRI (with POLLERR) after any mount or unmount in this namespace since the
// last poll. So the reconcile at start and the status right after share one read, and a
// status with 1,000 mounts does not parse 1,000 lines it already has.
class LinuxMountTable final : public platform::MountTable {
 public:
  util::Result<std::vector<core::mount_table::MountEntry>> read() override {
    if (cached_ && !changed()) return *cached_;
    if (!fd_.valid()) {
      fd_.reset(::open(kMountinfoPath, O_RDONLY | O_CLOEXEC));
      if (!fd_.valid())
        return util::error(util::errno_text(std::string("open ") + kMountinfoPath, errno));
    } else if (::lseek(fd_.get(), 0, SEEK_SET) != 0) {
      cached_.reset();
      fd_.reset();
      return util::error(util::errno_text(std::string("seek ") + kMountinfoPath, errno));
    }
    util::Result<std::string> text = read_to_end(fd_.get(), kMountinfoPath);
    if (!text) {
      cached_.reset();
      fd_.reset();
      return util::error(text.error());
    }
    cached_ = core::mount_table::parse_mountinfo(*text);
    return *cached_;
  }

 private:
  // A poll error counts as a change: the table is read again.
  bool changed() const {
    struct pollfd p {
      fd_.get(), POLLPRI, 0
    };
    return ::poll(&p, 1, 0) != 0;
  }

  util::UniqueFd fd_;
  std::optional<std::vector<core::mount_table::MountEntry>> cached_;
};

}  // namespace
}  // namespace mb::platform::linux_

namespace mb::platform {

std::unique_ptr<MountTable> make_system_mount_table() {
  return std::make_unique<linux_::LinuxMountTable>();
}

}  // namespace mb::platform
