#include "broker/effects/tunnel.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <string>
#include <thread>

#include "platform/process_identity.hpp"

using namespace mb::broker::effects;

namespace {

// A stand-in for a tunnel's ssh: its own session like the real one, running `script`.
pid_t spawn_session(const char* script) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setsid();
    ::execl("/bin/sh", "sh", "-c", script, static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// The process's start time once it runs `sleep`, past the shell's trap (its identity: the
// same before and after exec).
std::uint64_t started(pid_t pid) {
  const std::string comm = "/proc/" + std::to_string(pid) + "/comm";
  for (int i = 0; i < 500; ++i) {
    std::string name;
    std::ifstream in(comm);
    std::getline(in, name);
    if (name == "sleep")
      if (auto t = mb::platform::process_start_time(pid)) return *t;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  FAIL("the test process did not start");
  return 0;
}

// Reaps the child if it has exited; true then. Never blocks.
bool reaped(pid_t pid) {
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == pid;
}

void reap_or_kill(pid_t pid) {
  if (reaped(pid)) return;
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

}  // namespace

TEST_CASE("end_tunnel ends an ssh that exits on SIGTERM") {
  const pid_t pid = spawn_session("exec sleep 30");
  const auto start = started(pid);
  end_tunnel("t", pid, start);
  CHECK_FALSE(mb::platform::same_process_alive(pid, start));
  reap_or_kill(pid);
}

TEST_CASE("end_tunnel kills a tunnel process that ignores SIGTERM") {
  // An ignored signal stays ignored across exec: `sleep` here never ends on SIGTERM.
  const pid_t pid = spawn_session("trap '' TERM; exec sleep 30");
  const auto start = started(pid);
  end_tunnel("t", pid, start);
  CHECK_FALSE(mb::platform::same_process_alive(pid, start));
  reap_or_kill(pid);
}

TEST_CASE("end_tunnel leaves a process with another identity alone") {
  const pid_t pid = spawn_session("exec sleep 30");
  const auto start = started(pid);
  end_tunnel("t", pid, start + 1);
  CHECK(mb::platform::same_process_alive(pid, start));
  reap_or_kill(pid);
}
