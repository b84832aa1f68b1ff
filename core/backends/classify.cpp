#include "core/backends/classify.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace mb::core::backends {
namespace {

using supervisor::ErrorClass;

enum Types : unsigned { kSmb = 1, kNfs = 2, kCommand = 4, kAll = 7 };

struct Rule {
  std::string_view text;  // lower case; matched anywhere in stderr, ignoring case
  ErrorClass error;
  unsigned types = kAll;  // command helpers get every rule: they may wrap any tool
};

// Order matters: the first rule that matches wins. Sources: cifs-utils mount.cifs.c,
// nfs-utils utils/mount/error.c, util-linux mount, libfuse, sshfs/OpenSSH, rclone, and the
// messages these tools print on this system.
constexpr auto kRules = std::to_array<Rule>({
    // mount.cifs prints "mount error(N): strerror(N)" for the kernel's errno.
    {"error(13)", ErrorClass::auth, kSmb | kCommand},   // EACCES: logon failure
    {"error(126)", ErrorClass::auth, kSmb | kCommand},  // ENOKEY: no Kerberos ticket
    {"error(127)", ErrorClass::auth, kSmb | kCommand},  // EKEYEXPIRED
    {"error(128)", ErrorClass::auth, kSmb | kCommand},  // EKEYREVOKED
    {"error(129)", ErrorClass::auth, kSmb | kCommand},  // EKEYREJECTED
    {"error(16)", ErrorClass::busy, kSmb | kCommand},   // EBUSY
    {"error(101)", ErrorClass::network, kSmb | kCommand},
    {"error(104)", ErrorClass::network, kSmb | kCommand},
    {"error(110)", ErrorClass::network, kSmb | kCommand},
    {"error(111)", ErrorClass::network, kSmb | kCommand},
    {"error(112)", ErrorClass::network, kSmb | kCommand},  // also "server abruptly closed"
    {"error(113)", ErrorClass::network, kSmb | kCommand},
    {"error(2)", ErrorClass::config, kSmb | kCommand},   // share or prefix path missing
    {"error(19)", ErrorClass::config, kSmb | kCommand},  // ENODEV: no cifs in the kernel
    {"error(22)", ErrorClass::config, kSmb | kCommand},  // EINVAL: a bad option
    {"error(95)", ErrorClass::config, kSmb | kCommand},  // unsupported dialect or security
    {"could not resolve address for", ErrorClass::network},
    {"could not connect to", ErrorClass::network},
    {"couldn't chdir to", ErrorClass::config},  // mount.cifs: the mount point
    {"filesystem not supported by the system", ErrorClass::config},
    {"bad unc", ErrorClass::config},

    // SMB status names (smbclient, rclone's smb backend).
    {"nt_status_logon_failure", ErrorClass::auth},
    {"nt_status_wrong_password", ErrorClass::auth},
    {"nt_status_password_", ErrorClass::auth},  // _expired, _must_change
    {"nt_status_account_", ErrorClass::auth},   // _locked_out, _disabled, _expired
    {"logon is invalid", ErrorClass::auth},     // go-smb2: STATUS_LOGON_FAILURE

    // NFS (mount.nfs has no password: an export refusal is the server's configuration).
    {"access denied by server", ErrorClass::config, kNfs | kCommand},
    {"incorrect mount option", ErrorClass::config},
    {"requested nfs version or transport protocol is not supported", ErrorClass::config},
    {"protocol not supported", ErrorClass::config},
    {"timed out, giving up", ErrorClass::network},
    {"timed out, retrying", ErrorClass::network},
    {"is busy or already mounted", ErrorClass::busy},

    // OpenSSH under sshfs, rclone sftp.
    {"permission denied (publickey", ErrorClass::auth},
    {"permission denied (password", ErrorClass::auth},
    {"permission denied (keyboard-interactive", ErrorClass::auth},
    {"permission denied, please try again", ErrorClass::auth},
    {"too many authentication failures", ErrorClass::auth},
    {"unable to authenticate", ErrorClass::auth},
    {"host key verification failed", ErrorClass::config},
    {"could not resolve hostname", ErrorClass::network},
    {"remote host has disconnected", ErrorClass::network},

    // FUSE, util-linux mount, rclone.
    {"bad mount point", ErrorClass::config},
    {"failed to access mountpoint", ErrorClass::config},
    {"failed to resolve mount point", ErrorClass::config},  // bindfs
    {"failed to resolve source directory", ErrorClass::config},
    {"fuse: unknown option", ErrorClass::config},
    {"fuse: device not found", ErrorClass::config},
    {"mountpoint is not empty", ErrorClass::config},
    {"directory is not empty", ErrorClass::config},
    {"already mounted", ErrorClass::busy},
    {"mount point is busy", ErrorClass::busy},
    {"unknown filesystem type", ErrorClass::config},
    {"wrong fs type, bad option", ErrorClass::config},
    {"mount point does not exist", ErrorClass::config},
    {"mountpoint does not exist", ErrorClass::config},
    {"didn't find section in config file", ErrorClass::config},
    {"mustn't overlap", ErrorClass::config},

    // Generic error texts, after every rule that names a tool's own situation.
    {"authentication fail", ErrorClass::auth},
    {"failed to authenticate", ErrorClass::auth},
    {"unauthorized", ErrorClass::auth},
    {"device or resource busy", ErrorClass::busy},
    {"connection refused", ErrorClass::network},
    {"connection reset", ErrorClass::network},
    {"connection timed out", ErrorClass::network},
    {"connection closed", ErrorClass::network},
    {"no route to host", ErrorClass::network},
    {"host is down", ErrorClass::network},
    {"network is unreachable", ErrorClass::network},
    {"name or service not known", ErrorClass::network},
    {"temporary failure in name resolution", ErrorClass::network},
    {"no such host", ErrorClass::network},
    {"i/o timeout", ErrorClass::network},
    {"timed out", ErrorClass::network},
    // Whatever is left of "permission denied" comes from a login (never retried); NFS has
    // none, so there it is the export's configuration.
    {"permission denied", ErrorClass::auth, kSmb | kCommand},
    {"permission denied", ErrorClass::config, kNfs},
    {"command not found", ErrorClass::config},
    {"no such file or directory", ErrorClass::config},
    {"invalid argument", ErrorClass::config},
    {"not a directory", ErrorClass::config},
    {"does not exist", ErrorClass::config},  // "mount.nfs: mount point /mnt/x does not exist"
});

// The matcher lowers only the haystack.
constexpr bool all_lower_case() {
  for (const Rule& rule : kRules) {
    for (char c : rule.text) {
      if (c >= 'A' && c <= 'Z') return false;
    }
  }
  return true;
}
static_assert(all_lower_case(), "classification rules must be written in lower case");

unsigned type_bit(config::MountType type) {
  switch (type) {
    case config::MountType::smb:
      return kSmb;
    case config::MountType::nfs:
      return kNfs;
    case config::MountType::command:
      return kCommand;
  }
  return kAll;
}

bool contains_ignoring_case(std::string_view haystack, std::string_view lower_needle) {
  const auto it =
      std::search(haystack.begin(), haystack.end(), lower_needle.begin(), lower_needle.end(),
                  [](char h, char n) { return std::tolower(static_cast<unsigned char>(h)) == n; });
  return it != haystack.end();
}

}  // namespace

supervisor::ErrorClass classify_failure(config::MountType type, int exit_code,
                                        std::string_view stderr_text) {
  if (exit_code == 0) return ErrorClass::none;
  // The shell's codes for "found but not executable" and "not found", whatever the text says:
  // "bash: ./helper: Permission denied" is no login failure.
  if (exit_code == 126 || exit_code == 127) return ErrorClass::config;
  const unsigned bit = type_bit(type);
  for (const Rule& rule : kRules) {
    if ((rule.types & bit) != 0 && contains_ignoring_case(stderr_text, rule.text)) {
      return rule.error;
    }
  }
  return ErrorClass::unknown;
}

}  // namespace mb::core::backends
