#pragma once
// SMB: the checks every platform's mount tool shares (smb_mount), and how each tool spells the
// mount. Which tool this OS uses is chosen in platform/<os>/smb.cpp; the spellings are
// pure string building, so both are tested on every OS.
#include <optional>
#include <string>
#include <vector>

#include "core/backends/invocation.hpp"
#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::backends {

struct SmbMount {
  std::string server;
  std::string share;
  std::string username;                 // "" when none is configured
  std::string mountpoint;               // resolved, absolute
  std::vector<std::string> options;     // normalized, "soft" included, no user or password
  std::optional<std::string> password;  // nullopt: credential = none
  std::string local_user;               // the local owner of the mount ("" = root)
  long local_uid = -1;                  // its ids, resolved when the config was loaded
  long local_gid = -1;
};

// Refuses what no SMB tool may get: a username with "," or "%" (mount.cifs reads
// "user%password", and "," starts another option), user= or username= in options (the
// mount's username key is the one place for it), a missing "soft".
util::Result<SmbMount> smb_mount(const config::MountConfig& m, const std::string& mountpoint,
                                 const std::optional<std::string>& password);

// Linux: mount.cifs //server/share MOUNTPOINT -o OPTIONS[,username=U][,uid=N,gid=N,forceuid,
// forcegid for local_user][,guest]. The password
// goes through a pipe at fd 3 named by PASSWD_FD=3, without a newline: mount.cifs 7.0 takes
// every byte it reads, and a newline would become part of the password. Without a password
// it adds "guest": with neither, mount.cifs asks systemd-ask-password or the terminal and
// waits 90 s.
util::Result<Invocation> mount_cifs_invocation(const SmbMount& s);

// macOS: NetFS, in a child of the broker (netfs_mount.hpp).

}  // namespace mb::core::backends
