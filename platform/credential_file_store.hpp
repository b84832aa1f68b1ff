#pragma once
// Writing the credential files that platform::read_credential reads (Linux:
// linux/credential_file_store.cpp): dir/NAME, mode 0600, owned by root, holding the password
// and nothing else (no trailing newline), in a directory only root can write.
#include <string>
#include <string_view>

#include "platform/credential_store.hpp"
#include "util/result.hpp"

namespace mb::platform {

// Why `dir` cannot hold credential files, or ok: platform::credential_dir_problem's rules (the
// reader's), and its parent must be owned by root and writable by no one else, or sticky (like
// /tmp). A missing directory is fine (it will be created), and so is a missing parent.
util::Status check_credential_dir(const std::string& dir);

// Replaces dir/name with `password` so that a crash leaves the old file or the new one:
// opens the parent, creates `dir` there (mkdirat, exactly 0700) if missing, opens it with
// O_NOFOLLOW and checks that descriptor, then util::replace_file_at (mode 0600). Refuses what
// read_credential would refuse: an empty password, one with a newline, carriage return or NUL, one
// longer than kMaxPasswordBytes. Returns the file's path. No message contains the password.
util::Result<std::string> write_credential_file(const std::string& dir, const std::string& name,
                                                std::string_view password);

}  // namespace mb::platform
