#include "core/backends/credential_kind.hpp"

#include "core/config/diagnostics.hpp"

namespace mb::core::backends {

std::string mount_at_line(const config::MountConfig& m) {
  return "mount " + config::quoted(m.name) + " (its [[mount]] at line " + std::to_string(m.line) +
         ")";
}

util::Status check_credential_kind(const config::MountConfig& m, config::Credential stored,
                                   const std::string& other_kind_advice) {
  using config::Credential;
  if (m.credential == stored) return util::ok_status();
  if (m.credential == Credential::none && m.type == config::MountType::nfs) {
    return util::error(mount_at_line(m) + " is an nfs mount: nfs takes no password (Kerberos is " +
                       "configured outside mount-broker)");
  }
  if (m.credential == Credential::none) {
    return util::error(mount_at_line(m) +
                       " has credential = \"none\", so the broker gives it no password; to use "
                       "one, set credential = \"" +
                       config::to_string(stored) + "\" there, then run this again");
  }
  return util::error(mount_at_line(m) + other_kind_advice);
}

}  // namespace mb::core::backends
