#include "broker/server/authorize.hpp"

#include <algorithm>

namespace mb::broker::server {

Decision authorize(proto::Op op, const platform::PeerCredentials& peer,
                   std::optional<gid_t> admin_gid, const std::string& admin_group) {
  if (!proto::is_mutating(op)) return {true, ""};
  if (peer.uid == 0) return {true, ""};
  if (admin_gid && (peer.gid == *admin_gid || std::find(peer.groups.begin(), peer.groups.end(),
                                                        *admin_gid) != peer.groups.end()))
    return {true, ""};
  std::string why = "\"" + std::string(proto::to_string(op)) + "\" changes the broker's state: " +
                    "it needs root or membership in the group \"" + admin_group + "\"";
  if (!admin_gid) why += " (which does not exist on this system)";
  return {false, why};
}

Decision authorize(proto::Op op, const platform::PeerCredentials& peer,
                   const std::function<std::optional<gid_t>()>& lookup_admin_gid,
                   const std::string& admin_group) {
  if (!proto::is_mutating(op) || peer.uid == 0)
    return authorize(op, peer, std::nullopt, admin_group);
  return authorize(op, peer, lookup_admin_gid(), admin_group);
}

}  // namespace mb::broker::server
