#pragma once
// SMB on macOS: the broker runs its own binary, `mount-broker --internal netfs-mount ...`,
// whose child calls NetFSMountURLSync (platform/macos/netfs.cpp). Everything that does
// not need macOS is here and tested on every OS: the child's argv (no password on it), the
// parsing of that argv back in the child, the smb:// URL, and which NetFS option keys and
// mount flags the mount options become.
#include <string>
#include <vector>

#include "core/backends/invocation.hpp"
#include "core/backends/smb_backend.hpp"
#include "util/result.hpp"

namespace mb::core::backends {

// The secret pipe's descriptor in the netfs-mount child (as for mount.cifs).
inline constexpr int kNetfsPasswordFd = 3;

// Mount flags, named here so this file needs no macOS header; netfs.cpp maps them to MNT_*.
struct NetfsFlags {
  bool nobrowse = true;  // always: a broker's mount is not a Finder volume (MNT_DONTBROWSE)
  bool rdonly = false;
  bool nosuid = false;
  bool nodev = false;
  bool noexec = false;

  bool operator==(const NetfsFlags&) const = default;
};

// What the child hands to NetFSMountURLSync.
struct NetfsRequest {
  std::string url;         // smb://[USER@]SERVER/SHARE, percent-encoded, never a password
  std::string mountpoint;  // kNetFSMountAtMountDirKey: exactly here, not below it
  std::string username;    // "" for a guest session (kNetFSUseGuestKey)
  bool password = false;   // a password waits on kNetfsPasswordFd
  NetfsFlags flags;
  // Open options, always: kNAUIOptionKey = kNAUIOptionNoUI (never a dialog nobody sees);
  // mount options, always: kNetFSSoftMountKey = true, kNetFSMountAtMountDirKey = true.
  std::string local_user;  // mount as this user (smbfs binds the session to it); "" = root
  long local_uid = -1;
  long local_gid = -1;

  bool operator==(const NetfsRequest&) const = default;
};

// The mount options a NetFS mount understands: soft (required, checked by smb_mount),
// nobrowse (implied), ro/rdonly, nosuid, nodev, noexec. Anything else is refused by name:
// NetFS has no place for it, and dropping it silently would mount something else than asked.
util::Result<NetfsFlags> netfs_flags(const std::vector<std::string>& options);

// smb://[USER@]SERVER/SHARE; "CORP/alice" and "CORP\alice" become "CORP;alice"; no user for
// a guest session.
std::string netfs_url(const SmbMount& s);

// The request for `s`, from the config alone.
util::Result<NetfsRequest> netfs_request(const SmbMount& s);

// argv after `mount-broker --internal`: {"netfs-mount", "--url", URL, "--mountpoint", PATH,
// "--flags", "nobrowse,...", ["--user", U | "--guest"], ["--password-fd", "3"],
// ["--local-user", NAME, "--uid", N, "--gid", N]}; and its parser in the child.
std::vector<std::string> netfs_args(const NetfsRequest& r);
util::Result<NetfsRequest> parse_netfs_args(const std::vector<std::string>& args);

// The invocation: Invocation::internal, the password on the secret pipe, a new session.
util::Result<Invocation> netfs_invocation(const SmbMount& s);

}  // namespace mb::core::backends
