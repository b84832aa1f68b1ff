#pragma once
// A process named so that a reused pid cannot pass for it: pid plus the kernel's start time
// of that pid. The broker writes the identity of a running mount helper into state.json, so a
// broker started after a crash can tell whether that very helper still runs.
#include <sys/types.h>

#include <cstdint>
#include <optional>

namespace mb::platform {

// The start time of `pid` (Linux: clock ticks since boot, /proc/PID/stat field 22; macOS:
// microseconds since the epoch); nullopt when no such process exists or it is a zombie.
std::optional<std::uint64_t> process_start_time(pid_t pid);

// Whether the process `pid` started at `start` still runs.
bool same_process_alive(pid_t pid, std::uint64_t start);

// Sends `sig` to the process group led by `pid` (our helpers are group leaders), only if the
// process is still the one that started at `start`. Linux checks through a pidfd, so the
// pid cannot be reused between the check and the signal.
bool signal_if_same(pid_t pid, std::uint64_t start, int sig);

}  // namespace mb::platform
