#pragma once
// How a child run by the child runner ended, with its captured output.
#include <sys/types.h>

#include <chrono>
#include <string>

namespace mb::process {

enum class Ending {
  exited,        // exit_code
  signalled,     // signal
  abandoned,     // still not gone abandon_after after kill_signal: stuck in the kernel
  spawn_failed,  // error
};

struct Outcome {
  pid_t pid = -1;
  Ending ending = Ending::spawn_failed;
  int exit_code = -1;
  int signal = 0;
  bool timed_out = false;   // the deadline passed and the runner signalled the group
  bool terminated = false;  // terminate() was called
  std::string error;        // why the spawn failed
  std::string out, err;     // captured, at most capture_limit bytes each
  bool out_truncated = false, err_truncated = false;
  std::chrono::milliseconds duration{0};  // start to exit (or to abandonment)

  bool succeeded() const { return ending == Ending::exited && exit_code == 0 && !timed_out; }
  // "exited with status 32", "timed out; killed by signal 9 (Killed)", ... for logs.
  std::string describe() const;
};

}  // namespace mb::process
