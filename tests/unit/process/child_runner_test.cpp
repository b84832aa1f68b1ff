#include "process/child_runner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

// These tests run real processes (/bin/sh, sleep, cat, env): that is the point. Every test is
// bounded by io.run_for, and every child is reaped by the runner or killed and reaped here.
//
// A child stuck in the kernel (state D) cannot be made in a unit test, and SIGKILL ends every
// other child, stopped ones included. The abandon path is reached instead with a child that
// ignores SIGTERM and a Spec whose kill_signal is SIGTERM: it survives the whole deadline
// sequence exactly as a state-D child survives SIGKILL.

namespace mb::process {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

Spec command(std::vector<std::string> argv) {
  Spec spec;
  spec.argv = std::move(argv);
  return spec;
}

Spec shell(std::string script) {
  return command({"/bin/sh", "-c", std::move(script)});
}

// A child that survives the whole deadline sequence within 200 ms, as a state-D child would.
Spec abandonable() {
  auto spec = shell("trap '' TERM; exec sleep 30");
  spec.deadline = 50ms;
  spec.kill_grace = 50ms;
  spec.abandon_after = 100ms;
  spec.kill_signal = SIGTERM;  // stands in for SIGKILL against a child stuck in the kernel
  return spec;
}

// Kills a child's whole process group and reaps the child: for children the runner let go.
void kill_and_reap(pid_t pid) {
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

// Runs one child to its report; a child that gives none within `limit` fails the test.
Outcome run_one(Spec spec, std::chrono::milliseconds limit = 10s) {
  boost::asio::io_context io;
  ChildRunner runner(io);
  std::optional<Outcome> got;
  auto pid = runner.run(std::move(spec), [&](Outcome o) { got = std::move(o); });
  io.run_for(limit);
  if (!got && pid) kill_and_reap(*pid);
  REQUIRE(got);
  CHECK(runner.running() == 0);
  return std::move(*got);
}

// The fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, ...
std::vector<std::string> stat_fields(const std::string& stat_line) {
  std::istringstream in(stat_line.substr(stat_line.rfind(')') + 2));
  std::vector<std::string> fields;
  for (std::string f; in >> f;) fields.push_back(f);
  return fields;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// 'R', 'S', 'T', 'Z', ... or 0 when there is no such process.
char state_of(pid_t pid) {
  auto line = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (line.empty()) return 0;
  return stat_fields(line).at(0).at(0);
}

bool poll_until(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  for (auto end = Clock::now() + limit; Clock::now() < end; std::this_thread::sleep_for(5ms))
    if (condition()) return true;
  return condition();
}

// Gone, or a zombie waiting for whoever inherited it.
bool dies_within(pid_t pid, std::chrono::milliseconds limit) {
  return poll_until([pid] { return state_of(pid) == 0 || state_of(pid) == 'Z'; }, limit);
}

bool alive(pid_t pid) {
  return state_of(pid) != 0 && state_of(pid) != 'Z';
}

// Waits until the child exec'd `comm` (so whatever its shell did before `exec` is done).
bool became(pid_t pid, const std::string& comm) {
  return poll_until(
      [&] { return read_file("/proc/" + std::to_string(pid) + "/comm") == comm + "\n"; }, 2s);
}

TEST_CASE("a child's exit code, stdout and stderr are reported") {
  auto o = run_one(shell("echo out; echo err >&2; exit 3"));
  CHECK(o.ending == Ending::exited);
  CHECK(o.exit_code == 3);
  CHECK(o.out == "out\n");
  CHECK(o.err == "err\n");
  CHECK_FALSE(o.timed_out);
  CHECK_FALSE(o.succeeded());
  CHECK(o.pid > 0);
  CHECK(o.describe() == "exited with status 3");
}

TEST_CASE("the child's environment is exactly the one given") {
  auto spec = command({"/usr/bin/env"});
  spec.env = {"A=1", "B=two words"};
  auto o = run_one(spec);
  CHECK(o.succeeded());
  CHECK(o.out == "A=1\nB=two words\n");

  auto minimal = run_one(command({"/usr/bin/env"}));
  CHECK(minimal.out == "PATH=/usr/sbin:/usr/bin:/sbin:/bin\nLANG=C\nLC_ALL=C\n");
}

TEST_CASE("a bare program name is looked up in the child's PATH, not the broker's") {
  auto spec = command({"env"});
  spec.env = {"PATH=relative:/nonexistent:/usr/bin"};
  auto o = run_one(spec);
  CHECK(o.succeeded());
  CHECK(o.out == "PATH=relative:/nonexistent:/usr/bin\n");

  spec.env = {"PATH=/nonexistent"};
  auto missing = run_one(spec);
  CHECK(missing.ending == Ending::spawn_failed);
  CHECK(missing.error == "env: not found in PATH /nonexistent");
}

TEST_CASE("no descriptor of the broker is inherited by the child") {
  int leaked = ::open("/dev/null", O_RDONLY);  // deliberately not close-on-exec
  REQUIRE(leaked >= 0);
  auto o = run_one(shell("ls /proc/$$/fd"));
  ::close(leaked);
  CHECK(o.out == "0\n1\n2\n");
}

TEST_CASE("the child starts with no signal blocked or ignored") {
  // As in the broker: signals blocked for asio::signal_set, SIGPIPE ignored.
  sigset_t block, saved;
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGHUP);
  REQUIRE(::pthread_sigmask(SIG_BLOCK, &block, &saved) == 0);
  auto saved_pipe = std::signal(SIGPIPE, SIG_IGN);
  auto o = run_one(command({"grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"}));
  std::signal(SIGPIPE, saved_pipe);
  ::pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  // glibc's posix_spawn leaves only its two internal signals (32 and 33) ignored, always.
  CHECK(o.out == "SigBlk:\t0000000000000000\nSigIgn:\t0000000180000000\n");
}

TEST_CASE("stdin is /dev/null when no data is given") {
  auto o = run_one(command({"readlink", "/proc/self/fd/0"}));
  CHECK(o.out == "/dev/null\n");
}

TEST_CASE("stdin data reaches the child and is then closed") {
  auto spec = command({"cat"});
  spec.stdin_data = "line one\nline two";
  auto o = run_one(spec);
  CHECK(o.succeeded());
  CHECK(o.out == "line one\nline two");
}

TEST_CASE("stdin data larger than a pipe buffer arrives whole") {
  std::string big;
  for (int i = 0; big.size() < 300000; ++i) big += std::to_string(i) + "\n";
  auto spec = command({"cat"});
  spec.stdin_data = big;
  spec.capture_limit = 1 << 20;
  auto o = run_one(spec);
  CHECK(o.succeeded());
  CHECK(o.out == big);
}

TEST_CASE("a child that does not read its stdin neither blocks nor breaks the broker") {
  auto spec = command({"/bin/true"});
  spec.stdin_data = std::string(1 << 20, 'x');  // more than the pipe holds; no SIGPIPE here
  auto o = run_one(spec);
  CHECK(o.succeeded());
}

TEST_CASE("the secret descriptor delivers the bytes without a trailing newline") {
  auto spec = shell("cat <&3");
  spec.secret = SecretPipe{3, "s3cret"};
  auto o = run_one(spec);
  CHECK(o.succeeded());
  CHECK(o.out == "s3cret");
}

TEST_CASE("the secret descriptor may have any number and is the only extra one") {
  auto spec = shell("ls /proc/$$/fd; cat <&7");
  spec.secret = SecretPipe{7, "pass word"};
  auto o = run_one(spec);
  CHECK(o.out == "0\n1\n2\n7\npass word");

  spec = shell("true");
  spec.secret = SecretPipe{2, "x"};
  CHECK(run_one(spec).ending == Ending::spawn_failed);
}

TEST_CASE("a child past its deadline gets SIGTERM") {
  auto spec = command({"sleep", "30"});
  spec.deadline = 100ms;
  auto o = run_one(spec);
  CHECK(o.timed_out);
  CHECK(o.ending == Ending::signalled);
  CHECK(o.signal == SIGTERM);
  CHECK(o.duration < 2s);
  CHECK(o.describe() == "timed out; killed by signal 15 (Terminated)");
}

TEST_CASE("a child that ignores SIGTERM gets SIGKILL after the grace") {
  boost::asio::io_context io;
  ChildRunner runner(io);
  auto spec = shell("trap '' TERM; exec sleep 30");
  spec.deadline = 50ms;
  spec.kill_grace = 200ms;
  std::optional<Outcome> got;
  auto pid = runner.run(spec, [&](Outcome o) { got = std::move(o); });
  REQUIRE(pid);
  REQUIRE(became(*pid, "sleep"));  // the trap is set before the deadline can act
  io.run_for(5s);
  REQUIRE(got);
  CHECK(got->timed_out);
  CHECK(got->ending == Ending::signalled);
  CHECK(got->signal == SIGKILL);
  CHECK(got->duration >= 250ms);
}

TEST_CASE("the deadline signals the whole process group") {
  auto spec = shell("sleep 30 & echo $!; wait");
  spec.deadline = 300ms;
  auto o = run_one(spec);
  CHECK(o.timed_out);
  REQUIRE_FALSE(o.out.empty());
  pid_t grandchild = std::stoi(o.out);
  CHECK(dies_within(grandchild, 2s));
}

TEST_CASE("output beyond the capture limit is dropped without blocking the child") {
  auto spec = shell("head -c 1000000 /dev/zero; echo done >&2");
  spec.capture_limit = 1000;
  auto o = run_one(spec);
  CHECK(o.succeeded());
  CHECK(o.out.size() == 1000);
  CHECK(o.out_truncated);
  CHECK(o.err == "done\n");
  CHECK_FALSE(o.err_truncated);
}

TEST_CASE("a daemon holding the output open delays the report by a moment only") {
  boost::asio::io_context io;
  ChildRunner runner(io);
  std::optional<Outcome> got;
  auto start = Clock::now();
  auto pid = runner.run(shell("sleep 30 & echo $!"), [&](Outcome o) { got = std::move(o); });
  REQUIRE(pid);
  io.run_for(5s);
  auto elapsed = Clock::now() - start;
  ::kill(-*pid, SIGKILL);  // the daemon stayed in the helper's process group
  REQUIRE(got);
  CHECK(got->succeeded());
  CHECK(std::stoi(got->out) > 0);
  CHECK(elapsed - got->duration < 500ms);
  CHECK(elapsed < 1s);
}

TEST_CASE("every child leads its own process group, and new_session its own session") {
  auto plain = run_one(command({"cat", "/proc/self/stat"}));
  auto spec = command({"cat", "/proc/self/stat"});
  spec.new_session = true;
  auto session = run_one(spec);
  auto own_group = stat_fields(plain.out);
  auto own_session = stat_fields(session.out);
  REQUIRE(own_group.size() > 3);
  REQUIRE(own_session.size() > 3);
  CHECK(own_group[2] == std::to_string(plain.pid));
  CHECK(own_group[3] == std::to_string(::getsid(0)));
  CHECK(own_session[2] == std::to_string(session.pid));
  CHECK(own_session[3] == std::to_string(session.pid));
}

TEST_CASE("a program that does not exist is reported as a spawn failure") {
  boost::asio::io_context io;
  ChildRunner runner(io);
  std::optional<Outcome> got;
  auto pid = runner.run(command({"/nonexistent/program"}), [&](Outcome o) { got = std::move(o); });
  REQUIRE_FALSE(pid);
  CHECK(pid.error() == "/nonexistent/program: No such file or directory");
  CHECK_FALSE(got);  // reported later, on the loop, never from inside run()
  io.run_for(1s);
  REQUIRE(got);
  CHECK(got->ending == Ending::spawn_failed);
  CHECK(got->error == pid.error());
  CHECK(runner.running() == 0);
}

TEST_CASE("twenty children in parallel are all reported") {
  boost::asio::io_context io;
  ChildRunner runner(io);
  std::map<int, Outcome> outcomes;
  auto start = Clock::now();
  for (int i = 0; i < 20; ++i) {
    auto pid = runner.run(shell("sleep 0.2; echo " + std::to_string(i)),
                          [&outcomes, i](Outcome o) { outcomes.emplace(i, std::move(o)); });
    REQUIRE(pid);
  }
  CHECK(runner.running() == 20);
  io.run_for(10s);
  CHECK(Clock::now() - start < 5s);
  REQUIRE(outcomes.size() == 20);
  for (const auto& [i, o] : outcomes) CHECK(o.out == std::to_string(i) + "\n");
  CHECK(runner.running() == 0);
}

TEST_CASE("a stopped child is still ended at its deadline") {
  boost::asio::io_context io;
  ChildRunner runner(io);
  auto spec = command({"sleep", "30"});
  spec.deadline = 100ms;
  std::optional<Outcome> got;
  auto pid = runner.run(spec, [&](Outcome o) { got = std::move(o); });
  REQUIRE(pid);
  ::kill(*pid, SIGSTOP);
  REQUIRE(poll_until([&] { return state_of(*pid) == 'T'; }, 2s));
  io.run_for(5s);
  REQUIRE(got);
  CHECK(got->timed_out);
  CHECK(got->ending == Ending::signalled);
  CHECK(got->signal == SIGTERM);  // SIGCONT follows SIGTERM, so it could act on it
}

TEST_CASE("a child that survives the kill signal is abandoned, then reaped once it exits") {
  boost::asio::io_context io;
  ChildRunner runner(io);
  auto spec = abandonable();
  std::optional<Outcome> got;
  auto pid = runner.run(spec, [&](Outcome o) { got = std::move(o); });
  REQUIRE(pid);
  REQUIRE(became(*pid, "sleep"));
  io.run_for(5s);
  REQUIRE(got);
  CHECK(got->ending == Ending::abandoned);
  CHECK(got->timed_out);
  CHECK(runner.running() == 0);
  CHECK(runner.abandoned() == 1);
  CHECK(alive(*pid));  // still there, no longer watched, but not forgotten:
  CHECK(runner.stuck() == 1);
  ::kill(*pid, SIGKILL);  // the kernel lets it go at last
  CHECK(poll_until([&] { return runner.stuck() == 0; }, 5s));
  // Reaped by the runner, so it is no zombie for the broker's lifetime.
  CHECK(::waitpid(*pid, nullptr, WNOHANG) == -1);
  CHECK(errno == ECHILD);
}

TEST_CASE("destroying the runner with a child running neither hangs nor calls back") {
  boost::asio::io_context io;
  bool called = false;
  pid_t pid = -1;
  auto start = Clock::now();
  {
    ChildRunner runner(io);
    auto started = runner.run(command({"sleep", "30"}), [&](const Outcome&) { called = true; });
    REQUIRE(started);
    pid = *started;
    CHECK_FALSE(runner.run(command({"/nonexistent"}), [&](const Outcome&) { called = true; }));
  }
  io.run_for(300ms);
  CHECK(Clock::now() - start < 1s);
  CHECK_FALSE(called);
  CHECK(alive(pid));  // released, not killed
  kill_and_reap(pid);
}

TEST_CASE("a detached child is not killed at the deadline and keeps running after release") {
  boost::asio::io_context io;
  ChildRunner runner(io);
  auto spec = command({"sleep", "30"});
  spec.detach = true;
  spec.deadline = 50ms;
  bool called = false;
  auto pid = runner.run(spec, [&](const Outcome&) { called = true; });
  REQUIRE(pid);
  io.run_for(300ms);
  CHECK_FALSE(called);
  CHECK(runner.running() == 1);
  runner.release(*pid);
  CHECK(runner.running() == 0);
  io.restart();
  io.run_for(100ms);
  CHECK_FALSE(called);
  CHECK(alive(*pid));
  kill_and_reap(*pid);
}

TEST_CASE("a detached child that fails early reports its exit and output") {
  auto spec = shell("echo starting; echo 'bad remote' >&2; exit 2");
  spec.detach = true;
  auto o = run_one(spec);
  CHECK(o.ending == Ending::exited);
  CHECK(o.exit_code == 2);
  CHECK(o.out == "starting\n");
  CHECK(o.err == "bad remote\n");

  spec = shell("head -c 5000 /dev/zero");
  spec.detach = true;
  spec.capture_limit = 100;
  auto big = run_one(spec);
  CHECK(big.out.size() == 100);
  CHECK(big.out_truncated);
}

TEST_CASE("terminate ends a detached child through the kill sequence") {
  boost::asio::io_context io;
  ChildRunner runner(io);
  auto spec = command({"sleep", "30"});
  spec.detach = true;
  std::optional<Outcome> got;
  auto pid = runner.run(spec, [&](Outcome o) { got = std::move(o); });
  REQUIRE(pid);
  runner.terminate(*pid);
  io.run_for(5s);
  REQUIRE(got);
  CHECK(got->terminated);
  CHECK_FALSE(got->timed_out);
  CHECK(got->ending == Ending::signalled);
  CHECK(got->signal == SIGTERM);
}

TEST_CASE("the runner closes every descriptor it opened, on every path") {
  auto open_fds = [] {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) n += e.exists();
    return n;
  };
  const auto before = open_fds();
  auto with_input = shell("cat <&3; cat");
  with_input.stdin_data = "in";
  with_input.secret = SecretPipe{3, "secret"};
  run_one(with_input);
  run_one(command({"/nonexistent"}));
  auto detached = shell("exit 1");
  detached.detach = true;
  run_one(detached);
  {
    boost::asio::io_context io;
    ChildRunner runner(io);
    auto spec = command({"sleep", "30"});
    spec.detach = true;
    auto pid = runner.run(spec, [](const Outcome&) {});
    REQUIRE(pid);
    runner.release(*pid);
    kill_and_reap(*pid);
  }
  CHECK(open_fds() == before);
}

}  // namespace
}  // namespace mb::process
