#pragma once
// What the keychain reader child (platform::keychain_read_command) printed, as a password or
// an error the person can act on. Pure.
#include <string>

#include "util/result.hpp"

namespace mb::core::backends {

// security(1)'s exit status when no item matches (errSecItemNotFound).
inline constexpr int kSecurityItemNotFound = 44;

// exit 0: stdout without its one trailing newline (security -w prints the password and "\n");
// an empty password is an error. Exit 44: no entry, and the command that stores one. Any
// other status: the reader failed. Messages never contain stdout.
util::Result<std::string> keychain_password_from(int exit_code, const std::string& out,
                                                 const std::string& server,
                                                 const std::string& account);

}  // namespace mb::core::backends
