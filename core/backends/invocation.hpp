#pragma once
// How to run a mount's helper: the pure half of mounting. Everything here is decided from the
// config alone, so it is tested without a process; the effects layer turns an Invocation into
// a process::Spec (argv, env appended to the minimal environment, stdin, secret pipe, flags).
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::backends {

struct Invocation {
  // argv[0] is a bare name ("mount.cifs", "mount", "sshfs"): the child's PATH must include
  // /usr/sbin and /sbin, where the mount helpers live.
  std::vector<std::string> argv;
  // Entries added to the helper's minimal environment, e.g. "PASSWD_FD=3". Never a secret.
  std::vector<std::string> env;
  // Written to the helper's stdin, then stdin is closed; nullopt: stdin is /dev/null.
  std::optional<std::string> stdin_data;
  // Written exactly (no newline) to a pipe whose read end is descriptor `secret_fd` in the
  // child; nullopt and -1 when there is none.
  std::optional<std::string> secret_fd_data;
  int secret_fd = -1;
  // The helper stays in the foreground while the file system is mounted (rclone mount,
  // sshfs -f): do not wait for it to exit; it counts as mounted once the mount table shows it.
  bool detach = false;
  // argv is what follows `mount-broker --internal`: a child of the broker's own binary does
  // the blocking call (macOS: NetFSMountURLSync). It exits with netfs_exit_code(class).
  bool internal = false;
  // setsid: a FUSE daemon left behind must outlive the broker, and a helper without a
  // controlling terminal can never stop to prompt for a password.
  bool new_session = false;

  bool operator==(const Invocation&) const = default;
};

// The program that mounts SMB on this OS (platform::smb_tool() says which): mount.cifs on
// Linux, a NetFS child on macOS. Both spellings are built and tested on every OS.
enum class SmbTool { mount_cifs, netfs };

// The helper invocation that mounts `m` on `mountpoint` (the resolved path). `password` is
// the secret for credential = file or keychain (read_credential's result feeds it directly);
// it is required then and ignored for credential = none. The password never goes on argv or
// into the environment. An error is a configuration problem (ErrorClass::config); its message
// starts with `mount "NAME": ` and never contains the password.
util::Result<Invocation> mount_invocation(const config::MountConfig& m,
                                          const std::string& mountpoint,
                                          const std::optional<std::string>& password,
                                          SmbTool smb_tool);

}  // namespace mb::core::backends
