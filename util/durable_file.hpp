#pragma once
// File operations for state that must survive crashes and never be half-written.
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace mb::util {

// mkdir -p: missing parents get 0755, `path` itself gets `mode`. Existing directories are left
// as they are.
util::Status make_directories(const std::string& path, mode_t mode);

// The whole file, or nullopt if it does not exist. Any other failure is an error.
util::Result<std::optional<std::string>> read_file_if_exists(const std::string& path);

// Replaces dir/name with `content` (mode 0600) so that a crash or failure at any point leaves
// either the old or the new file: temp file in `dir`, fsync, rename, fsync `dir`.
util::Status replace_file(const std::string& dir, const std::string& name,
                          std::string_view content);

// Makes a rename or unlink in `dir` durable.
util::Status fsync_directory(const std::string& dir);

}  // namespace mb::util
