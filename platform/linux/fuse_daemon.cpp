#include "platform/linux/fuse_daemon.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <sstream>

#include "util/unique_fd.hpp"

namespace mb::platform {
namespace {

std::optional<unsigned> parse_unsigned(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  unsigned v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end == s.data()) return std::nullopt;
  return v;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Real and effective uid 0, from the "Uid:" line of /proc/PID/status.
bool owned_by_root(pid_t pid) {
  std::istringstream status(slurp("/proc/" + std::to_string(pid) + "/status"));
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("Uid:", 0) == 0) {
      std::istringstream ids(line.substr(4));
      unsigned real = 1, effective = 1;
      return (ids >> real >> effective) && real == 0 && effective == 0;
    }
  return false;
}

// The fdinfo text of every /dev/fuse descriptor the process holds.
std::vector<std::string> fuse_fdinfos(pid_t pid) {
  std::vector<std::string> out;
  const std::string dir = "/proc/" + std::to_string(pid);
  DIR* d = opendir((dir + "/fd").c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] == '.') continue;
    char target[32];
    ssize_t n = readlink((dir + "/fd/" + e->d_name).c_str(), target, sizeof target - 1);
    if (n > 0 && std::string_view(target, static_cast<size_t>(n)) == "/dev/fuse")
      out.push_back(slurp(dir + "/fdinfo/" + e->d_name));
  }
  closedir(d);
  return out;
}

bool argv_names(pid_t pid, const std::string& path) {
  std::string cmdline = slurp("/proc/" + std::to_string(pid) + "/cmdline");
  std::string_view rest(cmdline);
  while (!rest.empty()) {
    std::size_t end = rest.find('\0');
    if (rest.substr(0, end) == path) return true;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return false;
}

template <typename F>
void for_each_process(F f) {
  DIR* d = opendir("/proc");
  if (!d) return;
  while (dirent* e = readdir(d)) {
    auto pid = parse_unsigned(e->d_name);
    if (pid && static_cast<pid_t>(*pid) != getpid()) f(static_cast<pid_t>(*pid));
  }
  closedir(d);
}

// Whether any /dev/fuse descriptor on the system shows its connection: a connected one always
// does on a kernel that prints the line, so none at all means an older kernel (or no FUSE
// mount, when there is nothing to end anyway).
bool kernel_names_connections() {
  bool named = false;
  for_each_process([&](pid_t pid) {
    if (named) return;
    for (const auto& info : fuse_fdinfos(pid))
      if (parse_fuse_connection(info)) named = true;
  });
  return named;
}

struct Rule {
  FuseMount m;
  bool by_connection = true;
};

bool serves(pid_t pid, const Rule& r) {
  if (!owned_by_root(pid)) return false;
  auto infos = fuse_fdinfos(pid);
  if (r.by_connection) {
    for (const auto& info : infos)
      if (parse_fuse_connection(info) == r.m.connection) return true;
    return false;
  }
  return !infos.empty() && argv_names(pid, r.m.path);
}

std::vector<pid_t> daemons(const Rule& r) {
  std::vector<pid_t> out;
  for_each_process([&](pid_t pid) {
    if (serves(pid, r)) out.push_back(pid);
  });
  return out;
}

int pidfd_send(int pidfd, int sig) {
  return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0));
}

// Waits for the process behind `pidfd` to exit (the pidfd becomes readable), at most `ms`.
bool exits_within(int pidfd, int ms) {
  pollfd p{pidfd, POLLIN, 0};
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc > 0) return true;
    if (rc == 0) return false;
    if (errno != EINTR) return false;
  }
}

}  // namespace

std::optional<unsigned> parse_fuse_connection(std::string_view fdinfo) {
  constexpr std::string_view key = "fuse_connection:";
  std::size_t at = 0;
  while (at < fdinfo.size()) {
    std::size_t end = fdinfo.find('\n', at);
    if (end == std::string_view::npos) end = fdinfo.size();
    std::string_view line = fdinfo.substr(at, end - at);
    if (line.starts_with(key)) return parse_unsigned(line.substr(key.size()));
    at = end + 1;
  }
  return std::nullopt;
}

std::vector<pid_t> fuse_daemons_of(const FuseMount& m) {
  return daemons(Rule{m, kernel_names_connections()});
}

std::string end_fuse_daemons(const FuseMount& m, int grace_ms) {
  const Rule rule{m, kernel_names_connections()};
  std::string done;
  for (pid_t pid : daemons(rule)) {
    util::UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd.valid()) continue;  // gone already
    // The pidfd names one process for good; if the PID was reused since the scan, the process
    // it names now is checked, and it does not serve this mount.
    if (!serves(pid, rule)) continue;
    pidfd_send(pidfd.get(), SIGTERM);
    // A stopped daemon (a hung server's stand-in, SIGSTOP) cannot act on SIGTERM.
    pidfd_send(pidfd.get(), SIGCONT);
    if (!exits_within(pidfd.get(), grace_ms)) pidfd_send(pidfd.get(), SIGKILL);
    done += "ended FUSE daemon " + std::to_string(pid) + "; ";
  }
  return done;
}

}  // namespace mb::platform
