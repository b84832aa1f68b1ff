#include "core/backends/smb_backend.hpp"

#include "core/backends/mount_options.hpp"

namespace mb::core::backends {

util::Result<SmbMount> smb_mount(const config::MountConfig& m, const std::string& mountpoint,
                                 const std::optional<std::string>& password) {
  if (m.server.empty() || m.share.empty()) {
    return util::error("smb mounts need server and share");
  }
  if (m.server.front() == '-') {
    return util::error("server must not start with \"-\" (it would be read as an option)");
  }
  if (m.username.find_first_of(",%") != std::string::npos) {
    // Not echoed: "alice%secret" carries a password.
    return util::error(
        "username must not contain \",\" or \"%\" (mount.cifs reads \"user%password\", and \",\" "
        "would start another mount option)");
  }
  auto options = normalize_options(m.settings.options);
  if (!options) return util::error(options.error());
  if (auto soft = require_soft(*options); !soft) return util::error(soft.error());
  if (has_key(*options, "user") || has_key(*options, "username")) {
    return util::error(
        "options must not carry user= or username=; set username = \"...\" in the mount");
  }
  return SmbMount{m.server, m.share,      m.username,  mountpoint, std::move(*options),
                  password, m.local_user, m.local_uid, m.local_gid};
}

}  // namespace mb::core::backends
