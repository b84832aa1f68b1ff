#pragma once
// Whether the System keychain holds a password for a mount, asked without reading the password
// (for `mountctl doctor`). Only macOS has the keychain.
#include <optional>
#include <string>
#include <vector>

namespace mb::platform {

// The command whose exit status 0 means an entry exists for `server` and `account` (the ones
// keychain_read_command() reads); it prints attributes only, never the password. nullopt where
// there is no keychain.
std::optional<std::vector<std::string>> keychain_lookup_command(const std::string& server,
                                                                const std::string& account);

}  // namespace mb::platform
