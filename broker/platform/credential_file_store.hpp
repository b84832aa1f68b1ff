#pragma once
// Writing the credential files that backends::read_credential reads (Linux:
// linux/credential_file_store.cpp): dir/NAME, mode 0600, owned by root, holding the password
// and nothing else (no trailing newline), in a directory only root can write.
#include <string>
#include <string_view>

#include "broker/platform/credential_store.hpp"
#include "util/result.hpp"

namespace mb::broker::platform {

// Why `dir` cannot hold credential files, or ok. A missing directory is fine (it will be
// created); one that is a symlink, not a directory, owned by anyone but root, or writable by
// group or others is refused with the fix.
util::Status check_credential_dir(const std::string& dir);

// Replaces dir/name with `password` so that a crash leaves the old file or the new one:
// creates `dir` (0700) if missing, writes a temp file there (O_EXCL, O_NOFOLLOW, 0600), fsync,
// rename, fsync of `dir`. Refuses what read_credential would refuse: an empty password, one
// with a newline, carriage return or NUL, one longer than kMaxPasswordBytes. Returns the
// file's path. No message contains the password.
util::Result<std::string> write_credential_file(const std::string& dir, const std::string& name,
                                                std::string_view password);

}  // namespace mb::broker::platform
