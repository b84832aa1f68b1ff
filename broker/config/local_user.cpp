#include "broker/config/local_user.hpp"

#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace mb::broker::config {

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

std::optional<UserIds> system_user(const std::string& name) {
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buf(static_cast<std::size_t>(size > 0 ? size : 16384));
  struct passwd pw {};
  struct passwd* found = nullptr;
  if (::getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found)
    return std::nullopt;
  return UserIds{static_cast<long>(found->pw_uid), static_cast<long>(found->pw_gid)};
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

}  // namespace mb::broker::config
