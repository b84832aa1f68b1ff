#pragma once
// What the child runner is asked to run: program, complete environment, input, secret pipe,
// deadlines and capture limits (process/child_runner.hpp runs it).
#include <chrono>
#include <csignal>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mb::process {

// PATH plus the C locale, so helpers' messages come in English for error classification.
std::vector<std::string> minimal_env();

// Bytes delivered on a pipe whose read end is descriptor `fd` in the child: mount.cifs reads
// its password from the descriptor named by PASSWD_FD. Never on a command line or in env.
struct SecretPipe {
  int fd = 3;        // 3..255
  std::string data;  // written exactly (no newline added), then the pipe is closed
};

struct Spec {
  // argv[0]: an absolute path, or a bare name looked up in the PATH of `env`.
  std::vector<std::string> argv;
  std::vector<std::string> env = minimal_env();  // the child's complete environment
  std::optional<std::string> stdin_data;         // else stdin is /dev/null
  std::optional<SecretPipe> secret;
  std::chrono::milliseconds deadline{30000};      // then SIGTERM to the process group
  std::chrono::milliseconds kill_grace{2000};     // then `kill_signal` to the group
  std::chrono::milliseconds abandon_after{5000};  // then reported abandoned, no longer watched
  std::size_t capture_limit = 64 * 1024;          // per stream; the rest is read and dropped
  bool new_session = false;  // setsid: a FUSE daemon left behind must outlive the broker
  // For a helper that stays in the foreground (rclone mount): no deadline; the caller ends
  // the watch with release() once the mount shows up, or terminate(). Its output goes to an
  // unlinked temporary file instead of a pipe, so it can keep logging after release.
  bool detach = false;
  // argv is {our own binary, "--internal", ...}: a fork server (process/fork_client.hpp) may
  // run it without an exec. Only for children with no stdin data, secret, session or detach.
  bool forkable = false;
  // Only tests change this (to SIGTERM): a child that survives it takes the abandon path,
  // which a real state-D child cannot be made to take in a unit test.
  int kill_signal = SIGKILL;
};

}  // namespace mb::process
