#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string>

#include "broker/activation/activation.hpp"
#include "broker/activation/hold.hpp"
#include "platform/launchd.hpp"
#include "util/build_config.hpp"
#include "util/errno_text.hpp"

namespace mb::broker::activation {
namespace {

constexpr int kSystemdFirstFd = 3;

void set_cloexec(int fd) {
  int flags = fcntl(fd, F_GETFD);
  if (flags >= 0) fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

bool is_stream_socket(int fd) {
  int type = 0;
  socklen_t len = sizeof type;
  return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM;
}

std::optional<long> env_number(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (*end != '\0') return std::nullopt;
  return n;
}

util::Result<std::optional<Activation>> from_launchd() {
  auto fds = platform::launchd_sockets(util::kLaunchdSocketName);
  if (!fds) return util::error(fds.error());
  if (fds->empty()) return std::optional<Activation>{};
  Activation a;
  a.source = Source::launchd;
  a.fd.reset((*fds)[0]);
  for (size_t i = 1; i < fds->size(); ++i) ::close((*fds)[i]);  // only the first is ours
  set_cloexec(a.fd.get());
  a.listening = true;
  return std::optional<Activation>{std::move(a)};
}

std::optional<Activation> from_systemd() {
  auto pid = env_number("LISTEN_PID");
  auto count = env_number("LISTEN_FDS");
  // The variables may have been meant for our parent: honour them only when they name us.
  if (!pid || !count || *pid != static_cast<long>(getpid()) || *count < 1) return std::nullopt;
  const char* names = getenv("LISTEN_FDNAMES");
  const bool held = names && std::string(names) == kHoldFdName;
  unsetenv("LISTEN_PID");
  unsetenv("LISTEN_FDS");
  unsetenv("LISTEN_FDNAMES");
  for (int fd = kSystemdFirstFd; fd < kSystemdFirstFd + *count; ++fd) set_cloexec(fd);
  // More than one socket is a unit file mistake; serve the first, leave the rest alone.
  Activation a;
  a.source = held ? Source::hold : Source::systemd;
  a.fd.reset(kSystemdFirstFd);
  a.listening = is_listening_socket(kSystemdFirstFd);
  return a;
}

// inetd passes the socket as fds 0, 1 and 2. Keep one private copy and point 0-2 at
// /dev/null so nothing (a stray printf, an assertion message) can corrupt the protocol.
util::Result<std::optional<Activation>> from_inetd() {
  if (!is_stream_socket(STDIN_FILENO)) return std::optional<Activation>{};
  int fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, kSystemdFirstFd);
  if (fd < 0) return util::error(util::errno_text("dup of the inetd socket", errno));
  Activation a;
  a.source = Source::inetd;
  a.fd.reset(fd);
  a.listening = is_listening_socket(fd);
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null < 0) return util::error(util::errno_text("open /dev/null", errno));
  for (int target : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) dup2(null, target);
  if (null > STDERR_FILENO) ::close(null);
  return std::optional<Activation>{std::move(a)};
}

}  // namespace

bool is_listening_socket(int fd) {
  int accepting = 0;
  socklen_t len = sizeof accepting;
  if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) == 0) return accepting != 0;
  // macOS lacks SO_ACCEPTCONN on some releases: a listening socket has no peer.
  sockaddr_storage peer{};
  len = sizeof peer;
  return getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &len) != 0 && errno == ENOTCONN;
}

util::Result<std::optional<Activation>> inherited(bool consider_stdin) {
  auto launchd = from_launchd();
  if (!launchd || *launchd) return launchd;
  if (auto systemd = from_systemd()) return std::optional<Activation>{std::move(*systemd)};
  if (!consider_stdin) return std::optional<Activation>{};
  return from_inetd();
}

const char* to_string(Source s) {
  switch (s) {
    case Source::launchd:
      return "launchd";
    case Source::systemd:
      return "systemd";
    case Source::inetd:
      return "inetd";
    case Source::self:
      return "self";
    case Source::hold:
      return "hold";
  }
  return "self";
}

std::string describe(const Activation& a) {
  std::string out = to_string(a.source);
  if (a.source == Source::inetd) out += a.listening ? " wait" : " nowait";
  if (a.source == Source::self) out += " " + a.socket_path;
  out += a.listening ? " (listening)" : " (one connection)";
  return out;
}

}  // namespace mb::broker::activation
