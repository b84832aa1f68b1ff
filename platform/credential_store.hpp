#pragma once
// Storing a mount's password where the broker looks for it at mount time (mountctl setup).
// Linux (linux/credential_store.cpp): credential = "file", a root-only file
// credentials_dir/NAME. macOS (macos/credential_store.cpp): credential = "keychain", an
// internet password in the System keychain. The broker reads either afresh at every mount.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/config/config.hpp"
#include "platform/credential_file.hpp"
#include "util/result.hpp"

namespace mb::platform {

// The longest password stored: what platform::read_credential accepts, one constant for both.
inline constexpr std::size_t kMaxPasswordBytes = platform::kMaxCredentialBytes;

// Both checked before anyone is asked for a password, and each error says what to change.
// Whether this OS stores `m`'s kind of credential here: "file" on Linux, "keychain" on
// macOS; a mount with credential = "none" takes no password.
util::Status check_kind(const core::config::MountConfig& m);
// Whether the place the password goes to is usable (Linux: the credential directory is safe,
// or missing and will be created).
util::Status check_place(const core::config::MountConfig& m, const std::string& credentials_dir);

// Stores `password` for `m`, replacing any old one, then reads it back the way the broker
// does. Returns one line for people: what was stored where (never the password).
util::Result<std::string> store_credential(const core::config::MountConfig& m,
                                           const std::string& credentials_dir,
                                           std::string_view password);

}  // namespace mb::platform
