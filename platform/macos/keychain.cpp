// The System keychain's reader: security(1), the program the items' access lists trust (see
// credential_store.cpp). Only the commands are built here; the broker runs the reader as a
// child, doctor runs the lookup (keychain_lookup.hpp).
#include "platform/keychain.hpp"

#include "platform/keychain_lookup.hpp"

namespace mb::platform {
namespace {

// With -w security prints the password; without -w (or -g) only the entry's attributes.
std::vector<std::string> find_internet_password(const std::string& server,
                                                const std::string& account, bool password) {
  std::vector<std::string> argv{
      "/usr/bin/security", "find-internet-password", "-s", server, "-a", account};
  if (password) argv.push_back("-w");
  argv.push_back("/Library/Keychains/System.keychain");
  return argv;
}

}  // namespace

util::Result<std::vector<std::string>> keychain_read_command(const std::string& server,
                                                             const std::string& account) {
  return find_internet_password(server, account, true);
}

std::optional<std::vector<std::string>> keychain_lookup_command(const std::string& server,
                                                                const std::string& account) {
  return find_internet_password(server, account, false);
}

}  // namespace mb::platform
