#include "process/outcome.hpp"

#include <cstring>

namespace mb::process {

namespace {

std::string signal_text(int sig) {
  const char* name = ::strsignal(sig);
  return "signal " + std::to_string(sig) + (name ? std::string(" (") + name + ")" : "");
}

}  // namespace

std::string Outcome::describe() const {
  std::string prefix = timed_out ? "timed out; " : terminated ? "terminated; " : "";
  switch (ending) {
    case Ending::exited:
      return prefix + "exited with status " + std::to_string(exit_code);
    case Ending::signalled:
      return prefix + "killed by " + signal_text(signal);
    case Ending::abandoned:
      return prefix + "abandoned: did not exit after SIGKILL (stuck in the kernel)";
    case Ending::spawn_failed:
      return "could not start: " + error;
  }
  return prefix;
}

}  // namespace mb::process
