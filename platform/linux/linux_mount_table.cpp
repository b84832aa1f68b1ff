// Linux MountTable: /proc/self/mountinfo. Only the proc file is read; no mount point is ever
// stat'ed, so a dead network share cannot block us here.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <string>

#include "core/mount_table/mountinfo.hpp"
#include "platform/mount_table.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform::linux_ {
namespace {

constexpr const char* kMountinfoPath = "/proc/self/mountinfo";

// Reads to EOF: proc files report size 0, so fstat cannot size the buffer.
util::Result<std::string> read_whole_file(const char* path) {
  util::UniqueFd fd(::open(path, O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return util::error(util::errno_text(std::string("open ") + path, errno));
  std::string text;
  char buf[16384];
  while (true) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return util::error(util::errno_text(std::string("read ") + path, errno));
    if (n == 0) return text;
    text.append(buf, static_cast<std::size_t>(n));
  }
}

class LinuxMountTable final : public platform::MountTable {
 public:
  util::Result<std::vector<core::mount_table::MountEntry>> read() override {
    util::Result<std::string> text = read_whole_file(kMountinfoPath);
    if (!text) return util::error(text.error());
    return core::mount_table::parse_mountinfo(*text);
  }
};

}  // namespace
}  // namespace mb::platform::linux_

namespace mb::platform {

std::unique_ptr<MountTable> make_system_mount_table() {
  return std::make_unique<linux_::LinuxMountTable>();
}

}  // namespace mb::platform
