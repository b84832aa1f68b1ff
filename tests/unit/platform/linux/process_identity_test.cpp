#include "platform/process_identity.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace platform = mb::platform;

TEST_CASE("a process is known by its pid and start time, a reused pid is not it",
          "[process_identity]") {
  auto mine = platform::process_start_time(::getpid());
  REQUIRE(mine);
  CHECK(platform::same_process_alive(::getpid(), *mine));
  CHECK_FALSE(platform::same_process_alive(::getpid(), *mine + 1));
  CHECK_FALSE(platform::process_start_time(0));
  CHECK_FALSE(platform::process_start_time(-1));
}

TEST_CASE("a helper is signalled only while it is the process that was recorded",
          "[process_identity]") {
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::setpgid(0, 0);  // a group leader, like the helpers the runner starts
    ::pause();
    ::_exit(0);
  }
  ::setpgid(child, child);
  std::optional<std::uint64_t> start;
  for (int i = 0; i < 100 && !start; ++i) start = platform::process_start_time(child);
  REQUIRE(start);
  CHECK_FALSE(platform::signal_if_same(child, *start + 1, SIGKILL));  // not the recorded one
  CHECK(platform::same_process_alive(child, *start));
  CHECK(platform::signal_if_same(child, *start, SIGKILL));
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  CHECK_FALSE(platform::same_process_alive(child, *start));
}
