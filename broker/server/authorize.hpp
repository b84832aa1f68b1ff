#pragma once
// The one authorization rule: read-only operations for everyone; anything that changes a
// mount, the state or the config for root and members of admin_group.
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>

#include "platform/peer_credentials.hpp"
#include "proto/messages.hpp"

namespace mb::broker::server {

struct Decision {
  bool allowed = false;
  std::string reason;  // why not, for the error message
};

// admin_gid: the resolved admin_group, nullopt when the group does not exist.
Decision authorize(proto::Op op, const platform::PeerCredentials& peer,
                   std::optional<gid_t> admin_gid, const std::string& admin_group);

// The same rule, asking the user database (lookup_admin_gid) only when the answer decides:
// never for a read-only operation or root. A lookup reads /etc/nsswitch.conf and the group
// database (perhaps a directory service) on every request otherwise, a cold `status` too.
Decision authorize(proto::Op op, const platform::PeerCredentials& peer,
                   const std::function<std::optional<gid_t>()>& lookup_admin_gid,
                   const std::string& admin_group);

}  // namespace mb::broker::server
