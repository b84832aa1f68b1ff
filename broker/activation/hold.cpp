#include "broker/activation/hold.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <thread>

#include "broker/activation/activation.hpp"
#include "util/errno_text.hpp"

namespace mb::broker::activation {
namespace {

int g_signal_pipe[2] = {-1, -1};

void on_signal(int sig) {
  const char c = static_cast<char>(sig);
  (void)!::write(g_signal_pipe[1], &c, 1);
}

// In the child: the socket as fd 3 (dup2 clears close-on-exec on the copy), the signal
// state of a fresh process, the variables of systemd's protocol naming this pid.
[[noreturn]] void exec_broker(int listen_fd, const std::vector<std::string>& argv) {
  if (listen_fd == 3 ? ::fcntl(3, F_SETFD, 0) != 0 : ::dup2(listen_fd, 3) < 0) ::_exit(127);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGCHLD}) ::signal(s, SIG_DFL);
  ::setenv("LISTEN_FDS", "1", 1);
  ::setenv("LISTEN_PID", std::to_string(::getpid()).c_str(), 1);
  ::setenv("LISTEN_FDNAMES", kHoldFdName, 1);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

pid_t launch(int listen_fd, const std::vector<std::string>& argv) {
  const pid_t pid = ::fork();
  if (pid == 0) exec_broker(listen_fd, argv);
  if (pid < 0) spdlog::error("hold: {}", util::errno_text("fork", errno));
  return pid < 0 ? 0 : pid;
}

struct Holder {
  int listen_fd;
  const std::vector<std::string>& argv;
  pid_t running = 0;
  bool stopping = false;

  // Signals arrive as bytes on the pipe; children are reaped here.
  void drain_signals() {
    char c;
    while (::read(g_signal_pipe[0], &c, 1) == 1)
      if (c == SIGTERM || c == SIGINT || c == SIGHUP) stopping = true;
    int status = 0;
    pid_t done;
    while ((done = ::waitpid(-1, &status, WNOHANG)) > 0) {
      if (done != running) continue;
      running = 0;
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) continue;
      spdlog::warn("hold: the broker (pid {}) ended with status {}; the next client starts another",
                   done, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
      // Without a pause a broker that cannot start would be relaunched in a tight loop.
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }

  void stop() {
    if (!running) return;
    ::kill(running, SIGTERM);
    int status = 0;
    while (::waitpid(running, &status, 0) < 0 && errno == EINTR) {
    }
    running = 0;
  }
};

// Close-on-exec and non-blocking, set after pipe(): macOS has no pipe2. Nothing has been
// spawned yet when the holder makes its pipe, so no child can inherit it in between.
bool cloexec_nonblocking_pipe(int fds[2]) {
  if (::pipe(fds) != 0) return false;
  for (int i = 0; i < 2; ++i) {
    if (::fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0 ||
        ::fcntl(fds[i], F_SETFL, ::fcntl(fds[i], F_GETFL) | O_NONBLOCK) != 0)
      return false;
  }
  return true;
}

}  // namespace

int hold(const std::string& path, const std::vector<std::string>& broker_argv) {
  auto bound = bind_self(path);
  if (!bound) {
    spdlog::critical("hold: {}", bound.error());
    return 1;
  }
  if (!cloexec_nonblocking_pipe(g_signal_pipe)) {
    spdlog::critical("hold: {}", util::errno_text("pipe", errno));
    return 1;
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGCHLD}) ::sigaction(s, &sa, nullptr);
  spdlog::info("hold: {} is held; a broker starts on each first connection (Ctrl-C ends)", path);
  Holder h{bound->fd.get(), broker_argv};
  while (!h.stopping) {
    pollfd fds[2] = {{g_signal_pipe[0], POLLIN, 0}, {h.listen_fd, POLLIN, 0}};
    // While a broker runs it accepts on the socket itself; the holder only waits for it.
    const int n = ::poll(fds, h.running ? 1 : 2, -1);
    if (n < 0 && errno != EINTR) {
      spdlog::critical("hold: {}", util::errno_text("poll", errno));
      break;
    }
    if (n > 0 && (fds[0].revents & POLLIN)) h.drain_signals();
    if (!h.running && !h.stopping && n > 0 && (fds[1].revents & POLLIN))
      h.running = launch(h.listen_fd, h.argv);
  }
  h.stop();
  ::unlink(path.c_str());
  spdlog::info("hold: {} removed; exiting", path);
  return 0;
}

}  // namespace mb::broker::activation
