#pragma once
// File operations for state that must survive crashes and never be half-written.
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace mb::util {

// mkdir -p: missing parents get 0755, `path` itself gets `mode`. Existing directories are left
// as they are.
util::Status make_directories(const std::string& path, mode_t mode);

// The whole file, or nullopt if it does not exist. Any other failure is an error.
util::Result<std::optional<std::string>> read_file_if_exists(const std::string& path);

// Replaces dir/name with `content` (mode 0600) so that a crash or failure at any point leaves
// either the old or the new file: replace_file_at on `dir` opened as a directory.
util::Status replace_file(const std::string& dir, const std::string& name,
                          std::string_view content);

// The same in the directory open on `dirfd` (no path is resolved again, so a directory
// renamed or swapped meanwhile cannot redirect the write): a temp file ".NAME.tmp-PID" created
// with O_EXCL and O_NOFOLLOW (never written through a file or symlink someone put there; a
// leftover of a crashed run is removed first), mode exactly `mode` whatever the umask, fsync,
// renameat over `name`, fsync of the directory. `shown_dir` names the directory in messages,
// which say whether the old file is unchanged or the new one may not survive a crash.
util::Status replace_file_at(int dirfd, const std::string& shown_dir, const std::string& name,
                             std::string_view content, mode_t mode);

// The temp file replace_file_at writes for `name` in a process with pid `pid`.
std::string temp_name(const std::string& name, pid_t pid);

// Removes from `dir` the temp files of saves of the files `names` that a killed process left
// (every ".NAME.tmp-PID", whatever the PID; nothing else) and returns their names. Only for a
// directory whose writer holds a lock, so that no save can be under way. An entry that cannot
// be removed is an error naming it; the others are still removed.
util::Result<std::vector<std::string>> remove_temp_files(const std::string& dir,
                                                         const std::vector<std::string>& names);

// Makes a rename or unlink in `dir` durable.
util::Status fsync_directory(const std::string& dir);

}  // namespace mb::util
