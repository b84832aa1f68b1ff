#include "core/config/local_user.hpp"

#include <vector>

namespace mb::core::config {

std::optional<std::string> local_user_problem(std::string_view name,
                                              std::optional<MountType> type) {
  if (name.empty()) return std::nullopt;
  bool ok = name.size() <= 32 && name.front() != '-';
  for (char c : name)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-');
  // Not echoed: the value is not a user name, and could be anything pasted there.
  if (!ok) return "must be a local user name: 1 to 32 letters, digits, \".\", \"_\" or \"-\"";
  if (type == MountType::nfs)
    return "is for smb and command mounts only; an nfs mount shows the owners the server reports";
  return std::nullopt;
}

util::Status resolve_local_users(Config& config, const UserLookup& lookup) {
  std::string problems;
  for (MountConfig& m : config.mounts) {
    if (m.local_user.empty()) continue;
    if (auto ids = lookup(m.local_user)) {
      m.local_uid = ids->uid;
      m.local_gid = ids->gid;
      continue;
    }
    if (!problems.empty()) problems += '\n';
    problems += config.path + ":" + std::to_string(m.line) + ": mount \"" + m.name +
                "\": local_user \"" + m.local_user +
                "\" does not exist on this machine; create the account or remove local_user "
                "(the share is then mounted as root)";
  }
  if (!problems.empty()) return util::error(problems);
  return util::ok_status();
}

}  // namespace mb::core::config
