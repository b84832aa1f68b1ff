#include <optional>
#include <string>

#include "core/backends/command_backend.hpp"
#include "core/backends/invocation.hpp"
#include "core/backends/netfs_mount.hpp"
#include "core/backends/nfs_backend.hpp"
#include "core/backends/smb_backend.hpp"

namespace mb::core::backends {
namespace {

// The password the helper gets: none for credential = none, else a usable one. Helpers read
// one line or one C string, so a line break or NUL would cut or corrupt it.
util::Result<std::optional<std::string>> usable_password(
    const config::MountConfig& m, const std::optional<std::string>& password) {
  if (m.credential == config::Credential::none) return std::optional<std::string>();
  const std::string source =
      "credential = \"" + std::string(config::to_string(m.credential)) + "\"";
  if (!password) return util::error(source + " but no password was supplied");
  if (password->empty()) return util::error(source + " but the password is empty");
  if (password->find_first_of(std::string("\n\r\0", 3)) != std::string::npos) {
    return util::error(source + ": the password contains a line break or NUL byte");
  }
  return password;
}

util::Result<Invocation> build(const config::MountConfig& m, const std::string& mountpoint,
                               const std::optional<std::string>& password, SmbTool smb_tool) {
  if (mountpoint.empty() || mountpoint.front() != '/') {
    return util::error("the mount point must be an absolute path");
  }
  if (m.type == config::MountType::nfs) return nfs_invocation(m, mountpoint);
  auto secret = usable_password(m, password);
  if (!secret) return util::error(secret.error());
  if (m.type == config::MountType::command) return command_invocation(m, mountpoint, *secret);
  auto smb = smb_mount(m, mountpoint, *secret);
  if (!smb) return util::error(smb.error());
  return smb_tool == SmbTool::netfs ? netfs_invocation(*smb) : mount_cifs_invocation(*smb);
}

}  // namespace

util::Result<Invocation> mount_invocation(const config::MountConfig& m,
                                          const std::string& mountpoint,
                                          const std::optional<std::string>& password,
                                          SmbTool smb_tool) {
  auto inv = build(m, mountpoint, password, smb_tool);
  if (!inv) return util::error("mount \"" + m.name + "\": " + inv.error());
  return inv;
}

}  // namespace mb::core::backends
