#include "platform/process_identity.hpp"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "util/unique_fd.hpp"

namespace mb::platform {

std::optional<std::uint64_t> process_start_time(pid_t pid) {
  if (pid <= 0) return std::nullopt;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  std::string state, field;
  rest >> state;  // field 3
  if (state == "Z" || state == "X") return std::nullopt;
  for (int i = 4; i < 22; ++i) rest >> field;
  std::uint64_t start = 0;
  if (!(rest >> start)) return std::nullopt;
  return start;
}

bool same_process_alive(pid_t pid, std::uint64_t start) {
  auto now = process_start_time(pid);
  return now && *now == start;
}

bool signal_if_same(pid_t pid, std::uint64_t start, int sig) {
  // Holding a pidfd pins the pid: after the identity check it names the same process.
  util::UniqueFd fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!fd.valid() || !same_process_alive(pid, start)) return false;
  ::kill(-pid, sig);  // the group: a helper script's children go too
  return ::syscall(SYS_pidfd_send_signal, fd.get(), sig, nullptr, 0) == 0;
}

}  // namespace mb::platform
