#include "platform/local_filesystem.hpp"

#include <sys/mount.h>
#include <sys/param.h>

#include <cstring>
#include <string_view>

namespace mb::platform {

std::optional<std::string> nonlocal_filesystem(const struct ::statfs& st) {
  const std::string_view type(st.f_fstypename, ::strnlen(st.f_fstypename, MFSTYPENAMELEN));
  // macFUSE volumes can claim MNT_LOCAL ("-o local"), yet still wait on their daemon.
  if (type.starts_with("macfuse") || type.starts_with("osxfuse") || type.starts_with("fuse"))
    return "a FUSE file system";
  if (st.f_flags & MNT_LOCAL) return std::nullopt;
  if (type == "nfs") return "an NFS file system";
  if (type == "smbfs") return "an SMB/CIFS file system";
  return "a network file system (" + std::string(type) + ")";
}

std::optional<std::string> nonlocal_filesystem_of(int fd) {
  struct ::statfs st {};
  if (::fstatfs(fd, &st) != 0) return std::nullopt;
  return nonlocal_filesystem(st);
}

}  // namespace mb::platform
