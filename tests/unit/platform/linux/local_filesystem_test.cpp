#include "platform/local_filesystem.hpp"

#include <fcntl.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace pf = mb::platform;

namespace {

std::optional<std::string> kind_of(unsigned long magic) {
  struct ::statfs st {};
  st.f_type = static_cast<decltype(st.f_type)>(magic);
  return pf::nonlocal_filesystem(st);
}

}  // namespace

TEST_CASE("NFS, SMB/CIFS and FUSE file systems are told apart from local ones") {
  CHECK(kind_of(0x6969) == "an NFS file system");
  CHECK(kind_of(0x517B) == "an SMB/CIFS file system");
  CHECK(kind_of(0xFF534D42) == "an SMB/CIFS file system");
  CHECK(kind_of(0xFE534D42) == "an SMB/CIFS file system");
  CHECK(kind_of(0x65735546) == "a FUSE file system");
  CHECK_FALSE(kind_of(0xEF53).has_value());      // ext4
  CHECK_FALSE(kind_of(0x58465342).has_value());  // xfs
  CHECK_FALSE(kind_of(0x01021994).has_value());  // tmpfs
}

TEST_CASE("a file in /proc is on a local file system") {
  const int fd = ::open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  CHECK_FALSE(pf::nonlocal_filesystem_of(fd).has_value());
  ::close(fd);
}
