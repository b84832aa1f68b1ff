#pragma once
// Passwords for credential = "file": one root-only file per mount, dir/NAME, holding only the
// password. The default dir is util::kDefaultCredentialsDir ([broker] credentials_dir).
#include <optional>
#include <string>

#include "util/result.hpp"

namespace mb::broker::backends {

// The password in dir/mount_name, with one trailing "\n" or "\r\n" removed (editors add one).
// Refused, with the path and the fix in the message: a directory writable by anyone but its
// root owner; a file that is missing, a symlink, not a regular file, owned by anyone but root
// (or the broker's own euid), readable or writable by group or others, empty, more than one
// line, or implausibly large. No message ever contains the file's content.
// A success always holds a value: the optional is what mount_invocation takes.
util::Result<std::optional<std::string>> read_credential(const std::string& dir,
                                                         const std::string& mount_name);

}  // namespace mb::broker::backends
