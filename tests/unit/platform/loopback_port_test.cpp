#include "platform/loopback_port.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>

namespace pl = mb::platform;

namespace {
sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}
}  // namespace

TEST_CASE("loopback port: a free port accepts only once something listens there") {
  auto port = pl::free_loopback_port();
  REQUIRE(port.ok());
  CHECK(*port > 0);
  CHECK_FALSE(pl::loopback_port_accepts(*port));
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a = loopback(*port);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  CHECK(pl::loopback_port_accepts(*port));
  ::close(fd);
  CHECK_FALSE(pl::loopback_port_accepts(0));
}

TEST_CASE("loopback port: a listener that accepts nothing more is not waited for") {
  // Backlog 0 with one connection already queued: the kernel drops further SYNs, so a blocking
  // connect would wait for minutes of retries (a stopped ssh looks like this).
  auto port = pl::free_loopback_port();
  REQUIRE(port.ok());
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a = loopback(*port);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(fd, 0) == 0);
  int queued[2];
  for (int& q : queued) {
    q = ::socket(AF_INET, SOCK_STREAM, 0);
    ::fcntl(q, F_SETFL, O_NONBLOCK);
    (void)::connect(q, reinterpret_cast<sockaddr*>(&a), sizeof a);
  }
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(pl::loopback_port_accepts(*port));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  for (int q : queued) ::close(q);
  ::close(fd);
}
