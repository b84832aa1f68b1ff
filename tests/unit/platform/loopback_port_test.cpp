#include "platform/loopback_port.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace pl = mb::platform;

TEST_CASE("loopback port: a free port accepts only once something listens there") {
  auto port = pl::free_loopback_port();
  REQUIRE(port.ok());
  CHECK(*port > 0);
  CHECK_FALSE(pl::loopback_port_accepts(*port));
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(*port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  CHECK(pl::loopback_port_accepts(*port));
  ::close(fd);
  CHECK_FALSE(pl::loopback_port_accepts(0));
}
