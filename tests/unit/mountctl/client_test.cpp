#include "mountctl/client.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>

#include "tests/support/temp_dir.hpp"

namespace {

using Clock = std::chrono::steady_clock;

mb::ctl::ClientError call_error(const std::string& socket) {
  mb::ctl::ClientOptions o;
  o.socket = socket;
  o.connect_timeout = std::chrono::seconds(3);
  auto result = mb::ctl::call(o, mb::proto::Request{1, mb::proto::StatusRequest{}});
  REQUIRE(std::holds_alternative<mb::ctl::ClientError>(result));
  return std::get<mb::ctl::ClientError>(result);
}

}  // namespace

TEST_CASE("no socket file: the client fails at once and says how to start a broker",
          "[mountctl][client]") {
  mb::test::TempDir dir;
  const std::string path = dir.path() + "/none.sock";
  const auto start = Clock::now();
  const auto err = call_error(path);
  CHECK(Clock::now() - start < std::chrono::milliseconds(500));
  CHECK(err.kind == mb::ctl::ClientError::unreachable);
  CHECK_THAT(err.message, Catch::StartsWith("cannot reach the broker at " + path + ": "));
  CHECK_THAT(err.message, Catch::Contains("systemctl enable --now mount-broker.socket"));
  CHECK_THAT(err.message, Catch::Contains("mount-broker --hold " + path));
}

TEST_CASE("a socket file nobody listens on is retried until the connect timeout",
          "[mountctl][client]") {
  // A broker binding the path a moment later would answer: the client waits for it.
  mb::test::TempDir dir;
  const std::string path = dir.path() + "/stale.sock";
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  ::close(fd);  // the file stays, nothing listens
  const auto start = Clock::now();
  const auto err = call_error(path);
  CHECK(Clock::now() - start >= std::chrono::milliseconds(2500));
  CHECK(err.kind == mb::ctl::ClientError::unreachable);
  CHECK_THAT(err.message, !Catch::Contains("--hold"));
}
