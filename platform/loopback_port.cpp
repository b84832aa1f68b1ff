#include "platform/loopback_port.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "util/cloexec_socket.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::platform {
namespace {

constexpr int kConnectWaitMs = 200;

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

}  // namespace

util::Result<int> free_loopback_port() {
  util::UniqueFd fd = util::cloexec_socket(AF_INET, SOCK_STREAM);
  if (fd.get() < 0) return util::error(util::errno_text("socket", errno));
  sockaddr_in a = loopback(0);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
    return util::error(util::errno_text("bind 127.0.0.1:0", errno));
  socklen_t len = sizeof a;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&a), &len) != 0)
    return util::error(util::errno_text("getsockname", errno));
  return static_cast<int>(ntohs(a.sin_port));
}

bool loopback_port_accepts(int port) {
  if (port < 1 || port > 65535) return false;
  util::UniqueFd fd = util::cloexec_socket(AF_INET, SOCK_STREAM);
  if (fd.get() < 0) return false;
  sockaddr_in a = loopback(port);
  // Non-blocking with a bound: a listener that does not accept (a stopped ssh whose backlog
  // is full) would otherwise hold the broker in connect() while the SYN is retried.
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK) != 0) return false;
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return true;
  if (errno != EINPROGRESS) return false;
  pollfd p{fd.get(), POLLOUT, 0};
  if (::poll(&p, 1, kConnectWaitMs) != 1) return false;
  int err = 0;
  socklen_t len = sizeof err;
  return ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
}

}  // namespace mb::platform
