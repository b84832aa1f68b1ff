#include "platform/keychain.hpp"

namespace mb::platform {

util::Result<std::vector<std::string>> keychain_read_command(const std::string&,
                                                             const std::string&) {
  return util::error(
      "credential = \"keychain\" needs the macOS System keychain; on this system use "
      "credential = \"file\" (a root-only file in credentials_dir)");
}

}  // namespace mb::platform
