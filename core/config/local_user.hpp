#pragma once
// local_user = "alice": the local account a mount is made for. The name is checked when the
// config is parsed (pure); whether the account exists, and its ids, when it is loaded.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/config.hpp"
#include "util/result.hpp"

namespace mb::core::config {

// Why `name` cannot be a mount's local_user, or nullopt. "" is allowed (root, the default).
// A name is 1 to 32 of letters, digits, ".", "_" and "-", not starting with "-": what
// useradd and macOS accept, and nothing a helper's option string could misread. nfs mounts
// show the server's owners, so local_user is refused there.
std::optional<std::string> local_user_problem(std::string_view name, std::optional<MountType> type);

struct UserIds {
  long uid = -1;
  long gid = -1;  // the user's primary group
};
// nullopt: no such user.
using UserLookup = std::function<std::optional<UserIds>(const std::string& name)>;

// Fills local_uid and local_gid of every mount with a local_user. Refused, one line per mount
// as `path:line: mount "NAME": ...`, if a user does not exist.
util::Status resolve_local_users(Config& config, const UserLookup& lookup);

}  // namespace mb::core::config
