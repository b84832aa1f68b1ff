// Linux keeps passwords in root-only files (credential = "file"); there is no keychain.
#include "platform/credential_store.hpp"

#include <unistd.h>

#include "core/backends/credential_kind.hpp"
#include "core/config/diagnostics.hpp"
#include "platform/credential_file.hpp"
#include "platform/credential_file_store.hpp"
#include "util/wipe.hpp"

namespace mb::platform {
util::Status check_kind(const core::config::MountConfig& m) {
  return core::backends::check_credential_kind(
      m, core::config::Credential::file,
      " has credential = \"keychain\", which exists only on macOS; on Linux set credential = "
      "\"file\" there, then run this again");
}

util::Status check_place(const core::config::MountConfig&, const std::string& credentials_dir) {
  return check_credential_dir(credentials_dir);
}

util::Result<std::string> store_credential(const core::config::MountConfig& m,
                                           const std::string& credentials_dir,
                                           std::string_view password) {
  if (auto st = check_kind(m); !st) return util::error(st.error());
  auto path = write_credential_file(credentials_dir, m.name, password);
  if (!path) return util::error(path.error());

  // Read back by the broker's own reader: what it accepts is what the next mount gets.
  auto back = platform::read_credential(credentials_dir, m.name);
  if (!back) return util::error("stored " + *path + ", but the broker refuses it: " + back.error());
  std::string& got = **back;
  const bool same = got == password;
  util::wipe(got);
  if (!same) return util::error("stored " + *path + ", but reading it back gave something else");

  const std::string owner = geteuid() == 0 ? "root" : "uid " + std::to_string(geteuid());
  // The broker reads the file at every mount (effects/mount_effect.cpp), so nothing needs a
  // restart.
  return m.name + ": stored the password in " + *path + " (mode 0600, owner " + owner +
         "); the next mount of " + m.name + " uses it, no broker restart needed";
}

}  // namespace mb::platform
