// UNTESTED here (no macOS in CI). Without -w or -g, security(1) prints the entry's attributes
// and never the password.
#include "broker/platform/keychain_lookup.hpp"

namespace mb::broker::platform {

std::optional<std::vector<std::string>> keychain_lookup_command(const std::string& server,
                                                                const std::string& account) {
  return std::vector<std::string>{"/usr/bin/security",
                                  "find-internet-password",
                                  "-s",
                                  server,
                                  "-a",
                                  account,
                                  "/Library/Keychains/System.keychain"};
}

}  // namespace mb::broker::platform
