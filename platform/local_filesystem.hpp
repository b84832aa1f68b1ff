#pragma once
// Which file systems the broker may keep its own files on. Every call on a network or FUSE
// file system waits for its server; on the broker's only thread a dead server would hang
// every mount and every client, the failure mount-broker exists to prevent.
#include <optional>
#include <string>

struct statfs;  // <sys/statfs.h> on Linux, <sys/mount.h> on macOS

namespace mb::platform {

// What `st` describes, for a message ("an NFS file system", "an SMB/CIFS file system", "a FUSE
// file system", ...), when it depends on a server that can stop answering; nullopt when it is
// local.
std::optional<std::string> nonlocal_filesystem(const struct ::statfs& st);

// The same for the file system holding the open file `fd`. nullopt as well when fstatfs
// fails: the caller's next read or write reports its own error.
std::optional<std::string> nonlocal_filesystem_of(int fd);

}  // namespace mb::platform
