#include "platform/local_filesystem.hpp"

#include <sys/statfs.h>

namespace mb::platform {
namespace {

// statfs(2) f_type values (linux/magic.h; FUSE's is in fs/fuse/inode.c, not in the headers).
struct Magic {
  unsigned long value;
  const char* kind;
};
constexpr Magic kNonlocal[] = {
    {0x6969, "an NFS file system"},           // NFS_SUPER_MAGIC
    {0x517B, "an SMB/CIFS file system"},      // SMB_SUPER_MAGIC (the old smbfs)
    {0xFF534D42, "an SMB/CIFS file system"},  // CIFS_SUPER_MAGIC
    {0xFE534D42, "an SMB/CIFS file system"},  // SMB2_SUPER_MAGIC
    {0x65735546, "a FUSE file system"},       // FUSE_SUPER_MAGIC (sshfs, bindfs, rclone, ...)
};

}  // namespace

std::optional<std::string> nonlocal_filesystem(const struct ::statfs& st) {
  // f_type is signed on some architectures: compare the 32 bits the magics use.
  const auto type = static_cast<unsigned long>(st.f_type) & 0xFFFFFFFFUL;
  for (const Magic& m : kNonlocal)
    if (type == m.value) return m.kind;
  return std::nullopt;
}

std::optional<std::string> nonlocal_filesystem_of(int fd) {
  struct ::statfs st {};
  if (::fstatfs(fd, &st) != 0) return std::nullopt;
  return nonlocal_filesystem(st);
}

}  // namespace mb::platform
