#pragma once
// An exclusive flock on a file that names its holder, so a refused instance can say who has it.
#include <chrono>
#include <string>

#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform {

// Creates `path` (0600) if needed and takes flock(LOCK_EX), retrying every ~10 ms for up to
// `wait`. On success our pid is written into the file; the lock lasts as long as the fd.
util::Result<util::UniqueFd> lock_file(const std::string& path, std::chrono::milliseconds wait);

}  // namespace mb::platform
