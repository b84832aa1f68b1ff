#pragma once
// Passwords never live in config.toml: the file is copied, backed up and pasted into bug
// reports. Anything that looks like one is refused, and the value is never echoed.
#include <toml++/toml.h>

#include <optional>
#include <string_view>

#include "core/config/diagnostics.hpp"

namespace mb::core::config {

// password, passwd, pass, secret (any case).
bool is_secret_key(std::string_view key);
// The password option ("password=", "pass=", "passwd=", "secret=") carried by a mount option
// or command argument, if any. Comma-separated lists and leading dashes are looked through.
std::optional<std::string_view> secret_option(std::string_view value);

// Reports every password-like key or option anywhere in the document.
void report_secrets(const toml::table& root, Diagnostics& diag);

}  // namespace mb::core::config
