#pragma once
// credential = "keychain": the System keychain on macOS. Elsewhere there is none.
//
// The broker never reads it itself: it runs keychain_read_command() as a child through the
// ChildRunner (deadline, minimal environment, no inherited descriptors) and reads the password
// from the child's stdout with core::backends::keychain_password_from(). security(1) is the reader
// because the items mountctl setup writes trust it (macos/credential_store.cpp).
#include <string>
#include <vector>

#include "util/result.hpp"

namespace mb::platform {

// macOS: security find-internet-password -s SERVER -a ACCOUNT -w System.keychain. Elsewhere
// an error that says to use credential = "file".
util::Result<std::vector<std::string>> keychain_read_command(const std::string& server,
                                                             const std::string& account);

}  // namespace mb::platform
