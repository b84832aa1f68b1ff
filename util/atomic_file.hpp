#pragma once
// Replace a file so that a reader sees the old bytes or the new ones, never a mix, and a crash
// or a full disk leaves the old file intact: temp file in the same directory, fsync, rename,
// fsync the directory.
#include <string>
#include <string_view>
#include <sys/types.h>

#include "util/result.hpp"

namespace mb::util {

Status write_file_atomically(const std::string& path, std::string_view data, mode_t mode);

// The whole file; an error names the path.
Result<std::string> read_file(const std::string& path);

}  // namespace mb::util
