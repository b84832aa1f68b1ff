#pragma once
// credential = "keychain": the System keychain on macOS. Elsewhere there is none.
#include <string>

#include "util/result.hpp"

namespace mb::broker::platform {

// The password stored for `server` and `account` (security find-internet-password -s -a -w).
util::Result<std::string> keychain_password(const std::string& server, const std::string& account);

}  // namespace mb::broker::platform
