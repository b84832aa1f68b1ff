#include "platform/process_identity.hpp"

#include <libproc.h>
#include <signal.h>
#include <sys/proc.h>
#include <sys/proc_info.h>

namespace mb::platform {

std::optional<std::uint64_t> process_start_time(pid_t pid) {
  if (pid <= 0) return std::nullopt;
  struct proc_bsdinfo info {};
  if (proc_pidinfo(pid, PROC_PIDTBSDINFO, 0, &info, sizeof info) != sizeof info)
    return std::nullopt;
  if (info.pbi_status == SZOMB) return std::nullopt;
  return static_cast<std::uint64_t>(info.pbi_start_tvsec) * 1000000 + info.pbi_start_tvusec;
}

bool same_process_alive(pid_t pid, std::uint64_t start) {
  auto now = process_start_time(pid);
  return now && *now == start;
}

// No pidfd on macOS: the window between the check and the signal is as small as it gets.
bool signal_if_same(pid_t pid, std::uint64_t start, int sig) {
  if (!same_process_alive(pid, start)) return false;
  ::kill(-pid, sig);
  return ::kill(pid, sig) == 0;
}

}  // namespace mb::platform
