#include "core/backends/keychain_output.hpp"

namespace mb::core::backends {

util::Result<std::string> keychain_password_from(int exit_code, const std::string& out,
                                                 const std::string& server,
                                                 const std::string& account) {
  const std::string entry =
      "System keychain entry for server \"" + server + "\" and account \"" + account + "\"";
  if (exit_code == kSecurityItemNotFound)
    return util::error("no " + entry + "; store one with: sudo mountctl setup NAME");
  if (exit_code != 0)
    return util::error("reading the " + entry + " failed (security exited with status " +
                       std::to_string(exit_code) + ")");
  std::string password = out;
  if (!password.empty() && password.back() == '\n') password.pop_back();
  if (password.empty()) return util::error("the " + entry + " holds an empty password");
  return password;
}

}  // namespace mb::core::backends
