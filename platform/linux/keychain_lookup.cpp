#include "platform/keychain_lookup.hpp"

namespace mb::platform {

// No keychain on Linux: credential = "keychain" is refused at mount time (config error).
std::optional<std::vector<std::string>> keychain_lookup_command(const std::string&,
                                                                const std::string&) {
  return std::nullopt;
}

}  // namespace mb::platform
