#include "core/backends/nfs_backend.hpp"

#include "core/backends/mount_options.hpp"

namespace mb::core::backends {

util::Result<Invocation> nfs_invocation(const config::MountConfig& m,
                                        const std::string& mountpoint) {
  if (m.credential != config::Credential::none) {
    return util::error(
        "nfs mounts take no password; set credential = \"none\" (for Kerberos add sec=krb5 to "
        "options)");
  }
  if (m.server.empty() || m.share.empty() || m.share.front() != '/') {
    return util::error("nfs mounts need server and an absolute export path as share");
  }
  if (m.server.front() == '-') {
    return util::error("server must not start with \"-\" (it would be read as an option)");
  }
  auto options = normalize_options(m.settings.options);
  if (!options) return util::error(options.error());
  if (auto soft = require_soft(*options); !soft) return util::error(soft.error());
  if (!has_key(*options, "timeo")) options->push_back(kNfsDefaultTimeo);
  if (!has_key(*options, "retrans")) options->push_back(kNfsDefaultRetrans);

  // The same spelling as the config's expected source, so reconcile recognises the mount.
  Invocation inv;
  inv.argv = {
      "mount",   "-t", "nfs", "-o", join_options(*options), config::nfs_source(m.server, m.share),
      mountpoint};
  inv.new_session = true;
  return inv;
}

}  // namespace mb::core::backends
