#pragma once
// Keeping a password out of core dumps (mountctl setup holds one in memory): no core file,
// whatever signal ends the process, and (Linux) no ptrace attach or /proc/PID/mem read by
// other processes of the same user.
#include "util/result.hpp"

namespace mb::platform {

// Sets RLIMIT_CORE to 0 (soft and hard, so a child cannot raise it again) and, where the OS
// has it, marks the process not dumpable. Call before the secret is read.
util::Status disable_core_dumps();

}  // namespace mb::platform
