#pragma once
// Starting a child process and learning that it exited: the platform part of the child runner
// (process/child_runner.hpp). Linux: posix_spawn, closefrom and a pidfd
// (platform/linux/spawn.cpp). macOS: posix_spawn with POSIX_SPAWN_CLOEXEC_DEFAULT, and a
// kqueue with EVFILT_PROC/NOTE_EXIT for the pid as the exit descriptor
// (platform/macos/spawn.cpp).
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform {

struct SpawnRequest {
  std::string path;               // absolute path of the program
  std::vector<std::string> argv;  // argv[0] included
  std::vector<std::string> env;   // the complete environment
  // Descriptors of the parent placed at 0, 1 and 2 in the child; -1 means /dev/null.
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  // One more descriptor placed at `extra_target` (e.g. the PASSWD_FD pipe); -1: none.
  int extra_fd = -1;
  int extra_target = -1;
  bool new_session = false;  // setsid; otherwise only a new process group
};

struct Spawned {
  pid_t pid = -1;          // also the child's process group id
  util::UniqueFd exit_fd;  // becomes readable once the child has exited
};

// The child runs in its own process group (or session), with an empty signal mask, default
// signal dispositions, "/" as working directory (so it never pins a mount) and no descriptor
// open but 0-2 and the extra one. Exec failures (ENOENT, EACCES) are reported here.
util::Result<Spawned> spawn(const SpawnRequest& request);

struct ExitStatus {
  bool signalled = false;
  int code = 0;    // exit code, when not signalled; -1 when the status was lost
  int signal = 0;  // the signal that ended it, when signalled
};

// Reaps the child if it has exited, never blocking; nullopt while it still runs. A status that
// someone else collected (SIGCHLD ignored, a stray waitpid(-1)) comes back as code -1.
std::optional<ExitStatus> try_reap(pid_t pid, int exit_fd);

}  // namespace mb::platform
