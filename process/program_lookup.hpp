#pragma once
// How a helper's argv[0] becomes the file that runs: shared by the child runner and by
// `mountctl doctor`, so doctor reports exactly what the broker would run.
#include <string>
#include <vector>

#include "util/result.hpp"

namespace mb::process {

// The PATH in a child's environment (KEY=VALUE list); the broker's default when it has none.
std::string search_path_of(const std::vector<std::string>& env);

// An absolute path as it is; a bare name looked up in `search_path` (relative entries are
// skipped: they would depend on the broker's working directory); anything else refused.
// The child's PATH decides, not the broker's: posix_spawnp would search the broker's own.
util::Result<std::string> resolve_program(const std::string& name, const std::string& search_path);

bool is_executable_file(const std::string& path);

}  // namespace mb::process
