#include "util/cloexec_socket.hpp"

#include <fcntl.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <cerrno>

using mb::util::cloexec_socket;

// A socket the broker opens must not leak into the helpers it spawns.
TEST_CASE("cloexec_socket: the socket is close-on-exec from the start") {
  auto fd = cloexec_socket(AF_UNIX, SOCK_STREAM);
  REQUIRE(fd.valid());
  CHECK((::fcntl(fd.get(), F_GETFD) & FD_CLOEXEC) != 0);
  int type = 0;
  socklen_t len = sizeof type;
  REQUIRE(::getsockopt(fd.get(), SOL_SOCKET, SO_TYPE, &type, &len) == 0);
  CHECK(type == SOCK_STREAM);
}

TEST_CASE("cloexec_socket: a refused socket is invalid with errno set") {
  errno = 0;
  auto fd = cloexec_socket(-1, SOCK_STREAM);
  CHECK_FALSE(fd.valid());
  CHECK(errno != 0);
}
