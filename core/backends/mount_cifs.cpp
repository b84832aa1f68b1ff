// mount.cifs (cifs-utils), the SMB mount tool on Linux.
#include <string>

#include "core/backends/mount_options.hpp"
#include "core/backends/smb_backend.hpp"

namespace mb::core::backends {
namespace {

constexpr int kPasswordFd = 3;

bool starts_with(const std::optional<std::string_view>& value, std::string_view prefix) {
  return value && value->starts_with(prefix);
}

// Options that tell mount.cifs to use no password at all.
bool passwordless(const std::vector<std::string>& options) {
  return has_key(options, "guest") || starts_with(option_value(options, "sec"), "none");
}

// A mount.cifs credentials file (username=/password= lines) named in the options.
bool credentials_file(const std::vector<std::string>& options) {
  return has_key(options, "credentials") || has_key(options, "cred");
}

}  // namespace

util::Result<Invocation> mount_cifs_invocation(const SmbMount& s) {
  std::vector<std::string> options = s.options;
  if (!s.username.empty()) options.push_back("username=" + s.username);
  if (!s.local_user.empty()) {
    if (has_key(options, "uid") || has_key(options, "gid"))
      return util::error("local_user sets uid= and gid=; remove them from options");
    if (s.local_uid < 0 || s.local_gid < 0)
      return util::error("local_user \"" + s.local_user + "\" was not resolved to a uid and gid");
    // force*: with the Unix extensions the server's owners would show through otherwise.
    options.insert(options.end(), {"uid=" + std::to_string(s.local_uid),
                                   "gid=" + std::to_string(s.local_gid), "forceuid", "forcegid"});
  }

  Invocation inv;
  if (s.password) {
    // Two sources for one password: which wins depends on mount.cifs' parsing order.
    if (passwordless(options) || credentials_file(options)) {
      return util::error(
          "options carry guest, sec=none or credentials=, which conflict with the password of "
          "credential = \"file\" or \"keychain\"; remove them or set credential = \"none\"");
    }
    inv.env.push_back("PASSWD_FD=" + std::to_string(kPasswordFd));
    inv.secret_fd = kPasswordFd;
    inv.secret_fd_data = *s.password;
  } else if (!passwordless(options) && !credentials_file(options) &&
             !starts_with(option_value(options, "sec"), "krb5")) {
    // Never a password option, not even an empty one: "guest" is how mount.cifs is told not
    // to ask (it would wait 90 s on systemd-ask-password or the terminal).
    options.push_back("guest");
  }

  inv.argv = {"mount.cifs", "//" + s.server + "/" + s.share, s.mountpoint, "-o",
              join_options(options)};
  // No controlling terminal: whatever path mount.cifs takes, it cannot stop at a prompt.
  inv.new_session = true;
  return inv;
}

}  // namespace mb::core::backends
