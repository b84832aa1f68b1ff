#pragma once
// Passwords for credential = "file": one root-only file per mount, dir/NAME, holding only the
// password. The default dir is util::kDefaultCredentialsDir ([broker] credentials_dir).
// The rules here are the only ones: the broker reads with them, mountctl setup writes what
// they accept (platform/credential_file_store.hpp), and doctor checks through the reader.
#include <sys/stat.h>

#include <cstddef>
#include <optional>
#include <string>

#include "util/result.hpp"

namespace mb::platform {

// The longest password a credential file holds. mount.cifs takes at most 512 bytes; anything
// near this limit is not a password.
inline constexpr std::size_t kMaxCredentialBytes = 4096;

// Whether `name` (a mount's name) stays inside the credential directory as a file name.
util::Status check_credential_name(const std::string& name);

// Whether uid may own a credential directory or file: root, or the broker's own euid.
bool owned_by_root_or_self(uid_t uid);

// Why the credential directory `dir`, as lstat(2) or fstat(2) describes it in `st`, cannot
// hold credential files, with the fix; nullopt when it can. Whoever can write the directory
// can swap a file for their own, so it must be a real directory (not a symlink, which may
// point anywhere), owned by root (or the broker's own euid) and writable by no one else.
std::optional<std::string> credential_dir_problem(const struct stat& st, const std::string& dir);

// The password in dir/mount_name, with one trailing "\n" or "\r\n" removed (editors add one).
// Refused, with the path and the fix in the message: a directory credential_dir_problem
// refuses; a file that is missing, a symlink, not a regular file, owned by anyone but root
// (or the broker's own euid), readable or writable by group or others, empty, more than one
// line, or longer than kMaxCredentialBytes. No message ever contains the file's content; the
// password is read into one buffer sized up front (never reallocated, so no copy is left in
// freed memory), and what is not returned is wiped.
// A success always holds a value: the optional is what mount_invocation takes.
util::Result<std::optional<std::string>> read_credential(const std::string& dir,
                                                         const std::string& mount_name);

}  // namespace mb::platform
