#include "process/fork_client.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "process/child_runner.hpp"

// A real fork server, forked from this test process as the broker forks its own, and real
// forked children through the child runner: what a child sees (descriptors, group, parent,
// command line) and the deadline sequence. The code the children run stands in for
// `mount-broker --internal`: it prints what it is asked about.

namespace mb::process {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int child_main(const std::vector<std::string>& args) {
  const std::string what = args.empty() ? "" : args[0];
  if (what == "fds") {
    DIR* d = ::opendir("/proc/self/fd");
    std::set<int> open;
    while (const dirent* e = d ? ::readdir(d) : nullptr)
      if (e->d_name[0] != '.' && std::atoi(e->d_name) != ::dirfd(d))
        open.insert(std::atoi(e->d_name));
    if (d) ::closedir(d);
    for (int fd : open) std::cout << fd << "\n";
  } else if (what == "ids") {
    std::cout << ::getpid() << " " << ::getpgrp() << " " << ::getppid() << "\n";
  } else if (what == "cmdline") {
    std::string c = read_whole_file("/proc/self/cmdline");
    for (char& ch : c)
      if (ch == '\0') ch = ' ';
    while (!c.empty() && c.back() == ' ') c.pop_back();  // what is left of the space
    std::cout << c << "\n";
  } else if (what == "env") {
    if (const char* v = std::getenv("MB_TEST")) std::cout << v << "\n";
  } else if (what == "signals") {
    std::istringstream status(read_whole_file("/proc/self/status"));
    for (std::string line; std::getline(status, line);)
      if (line.rfind("SigBlk", 0) == 0 || line.rfind("SigIgn", 0) == 0 ||
          (args.size() > 1 && line.rfind("SigCgt", 0) == 0))
        std::cout << line << "\n";
  } else if (what == "sleep") {
    std::this_thread::sleep_for(30s);
  } else if (what == "ignore-term") {
    std::signal(SIGTERM, SIG_IGN);
    std::cout << "ready" << std::endl;
    std::this_thread::sleep_for(30s);
  } else {
    std::cerr << "exit 3\n";
    return 3;
  }
  return 0;
}

Spec forked(std::vector<std::string> args) {
  Spec spec;
  spec.argv = {"/bin/echo", "--internal"};  // spawned instead, echo prints the same words
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = {"PATH=/usr/bin:/bin", "MB_TEST=forked"};
  spec.forkable = true;
  return spec;
}

struct Rig {
  boost::asio::io_context io;
  pid_t server = -1;
  std::optional<ForkClient> forks;
  std::optional<ChildRunner> runner;
  Rig() {
    auto s = platform::start_fork_server(&child_main);
    REQUIRE(s);
    server = s->pid;
    forks.emplace(io, std::move(*s));
    runner.emplace(io);
    runner->use(&*forks);
  }
  explicit Rig(ForkClient::Starter lazy) {
    forks.emplace(io, std::move(lazy));
    runner.emplace(io);
    runner->use(&*forks);
  }
  // Runs the loop in slices until `done` (io.run_for stops once the loop runs out of work).
  void run_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 10s) {
    for (auto end = Clock::now() + limit; !done() && Clock::now() < end;) {
      io.restart();
      io.run_for(20ms);
    }
  }
  Outcome run(Spec spec, bool expect_forked = true) {
    std::optional<Outcome> got;
    auto pid = runner->run(std::move(spec), [&](Outcome o) { got = std::move(o); });
    REQUIRE(pid);
    CHECK((*pid == 0) == expect_forked);  // forked: the pid comes later
    run_until([&] { return got.has_value(); });
    REQUIRE(got);
    CHECK(runner->running() == 0);
    return std::move(*got);
  }
};

TEST_CASE("a forked child runs the code directly, with its output and exit code reported") {
  Rig rig;
  auto o = rig.run(forked({"env"}));
  CHECK(o.succeeded());
  CHECK(o.out == "forked\n");  // the request's environment, and not echo's output
  auto failed = rig.run(forked({"other"}));
  CHECK(failed.ending == Ending::exited);
  CHECK(failed.exit_code == 3);
  CHECK(failed.err == "exit 3\n");
}

TEST_CASE("a forked child is ours, leads its own group and holds only 0-2") {
  Rig rig;
  int leaked = ::open("/dev/null", O_RDONLY);  // deliberately not close-on-exec
  REQUIRE(leaked >= 0);
  auto fds = rig.run(forked({"fds"}));
  ::close(leaked);
  CHECK(fds.out == "0\n1\n2\n");
  auto ids = rig.run(forked({"ids"}));
  std::istringstream in(ids.out);
  pid_t pid = 0, pgrp = 0, ppid = 0;
  in >> pid >> pgrp >> ppid;
  CHECK(pid == ids.pid);
  CHECK(pgrp == pid);
  CHECK(ppid == ::getpid());  // the broker's child, not the server's: the broker reaps it
  CHECK(::waitpid(pid, nullptr, WNOHANG) == -1);  // and the runner did
}

TEST_CASE("a forked child shows its command line and starts with default signals") {
  Rig rig;
  CHECK(rig.run(forked({"cmdline"})).out == "/bin/echo --internal cmdline\n");
  // Longer than this process's own command line: written on over the environment.
  const std::string long_path = "/mnt/" + std::string(300, 'x');
  CHECK(rig.run(forked({"cmdline", long_path})).out ==
        "/bin/echo --internal cmdline " + long_path + "\n");
  auto saved_pipe = std::signal(SIGPIPE, SIG_IGN);  // as in the broker
  auto o = rig.run(forked({"signals"}));
  std::signal(SIGPIPE, saved_pipe);
  CHECK(o.out == "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
}

TEST_CASE("a forked child past its deadline gets SIGTERM, one that survives it is abandoned") {
  Rig rig;
  auto spec = forked({"sleep"});
  spec.deadline = 100ms;
  auto o = rig.run(spec);
  CHECK(o.timed_out);
  CHECK(o.ending == Ending::signalled);
  CHECK(o.signal == SIGTERM);

  auto stuck = forked({"ignore-term"});
  stuck.deadline = 300ms;
  stuck.kill_grace = 50ms;
  stuck.abandon_after = 100ms;
  stuck.kill_signal = SIGTERM;  // stands in for SIGKILL against a child stuck in the kernel
  auto a = rig.run(stuck);
  CHECK(a.ending == Ending::abandoned);
  CHECK(a.out == "ready\n");
  CHECK(rig.runner->stuck() == 1);
  ::kill(a.pid, SIGKILL);
  for (auto end = Clock::now() + 5s; rig.runner->stuck() != 0 && Clock::now() < end;)
    std::this_thread::sleep_for(5ms);
  CHECK(rig.runner->stuck() == 0);
}

TEST_CASE("twenty forked children in parallel are all reported") {
  Rig rig;
  int reported = 0;
  for (int i = 0; i < 20; ++i)
    REQUIRE(rig.runner->run(forked({"env"}), [&](Outcome o) { reported += o.out == "forked\n"; }));
  rig.run_until([&] { return reported == 20; });
  CHECK(reported == 20);
  CHECK(rig.runner->running() == 0);
}

TEST_CASE("once the fork server is gone, children are spawned instead") {
  Rig rig;
  ::kill(rig.server, SIGKILL);
  // Until it is a zombie, a request could still be queued to it (its loss is handled too).
  rig.run_until([&] {
    return read_whole_file("/proc/" + std::to_string(rig.server) + "/stat").find(") Z ") !=
           std::string::npos;
  });
  // The request cannot be sent: echo is spawned with the same words, now and from then on.
  auto o = rig.run(forked({"env"}), false);
  CHECK(o.succeeded());
  CHECK(o.out == "--internal env\n");
  CHECK_FALSE(rig.forks->available());
  CHECK(rig.run(forked({"env"}), false).out == "--internal env\n");
}

void on_usr1(int) {}

TEST_CASE("a lazy fork server is forked once, by start() or the first forked child") {
  int starts = 0;
  Rig rig([&] {
    ++starts;
    return platform::start_fork_server(&child_main);
  });
  CHECK(rig.io.run_for(10ms) == 0);
  CHECK(starts == 0);  // nothing asked, nothing forked
  rig.runner->start_forks();
  CHECK(starts == 1);
  CHECK(rig.run(forked({"env"})).out == "forked\n");
  CHECK(rig.run(forked({"env"})).out == "forked\n");
  CHECK(starts == 1);
}

TEST_CASE("a fork server started late runs none of its caller's signal handlers") {
  // The caller has a handler by then (the broker's Asio signal set): the server is forked with
  // every signal blocked and its children start with none blocked, ignored or caught.
  Rig rig([] { return platform::start_fork_server(&child_main); });
  auto saved = std::signal(SIGUSR1, on_usr1);
  rig.runner->start_forks();
  std::signal(SIGUSR1, saved);
  CHECK(rig.run(forked({"signals", "caught"})).out ==
        "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\nSigCgt:\t0000000000000000\n");
}

TEST_CASE("a lazy fork server that cannot start: children are spawned, one try") {
  int starts = 0;
  Rig rig([&]() -> util::Result<platform::ForkServer> {
    ++starts;
    return util::error("fork server: not here");
  });
  CHECK(rig.run(forked({"env"}), false).out == "--internal env\n");  // echo, spawned
  CHECK(rig.run(forked({"env"}), false).out == "--internal env\n");
  CHECK(starts == 1);
  CHECK_FALSE(rig.forks->available());
}

TEST_CASE("the fork server ends with its client and leaves no idle work on the loop") {
  boost::asio::io_context io;
  pid_t server = -1;
  {
    auto s = platform::start_fork_server(&child_main);
    REQUIRE(s);
    server = s->pid;
    ForkClient forks(io, std::move(*s));
    CHECK(io.run_for(10ms) == 0);  // nothing waits while nothing is asked
    CHECK(::kill(server, 0) == 0);
  }
  CHECK(::kill(server, 0) == -1);  // ended and reaped
  CHECK(errno == ESRCH);
}

}  // namespace
}  // namespace mb::process
