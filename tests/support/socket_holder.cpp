// socket_holder: a stand-in for launchd / systemd socket activation in tests. It owns the
// listening socket (mode 0666, as the launchd job and the systemd .socket unit make it) and,
// whenever the socket becomes readable and no broker is running, starts the broker with the
// socket on fd 3 and LISTEN_FDS=1 / LISTEN_PID set. The broker exits when idle; queued
// clients stay in the backlog and wake the next instance.
//
//   socket_holder --socket PATH [--events FILE] -- /path/to/mount-broker ARGS...
//
// --events appends "launch PID" and "exit PID STATUS" lines, so tests can count instances.
// SIGTERM/SIGINT: stop the running broker (SIGTERM, wait), remove the socket, exit.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

int g_signal_pipe[2];

void on_signal(int sig) {
  char c = static_cast<char>(sig);
  (void)!write(g_signal_pipe[1], &c, 1);
}

void die(const char* what) {
  std::fprintf(stderr, "socket_holder: %s: %s\n", what, std::strerror(errno));
  std::exit(1);
}

void note(const std::string& events, const std::string& line) {
  if (events.empty()) return;
  FILE* f = std::fopen(events.c_str(), "a");
  if (!f) return;
  std::fprintf(f, "%s\n", line.c_str());
  std::fclose(f);
}

int bind_socket(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    errno = ENAMETOOLONG;
    die("socket path");
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  unlink(path.c_str());
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket");
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("bind");
  if (chmod(path.c_str(), 0666) != 0) die("chmod");
  if (listen(fd, SOMAXCONN) != 0) die("listen");
  return fd;
}

pid_t launch(int listen_fd, const std::vector<char*>& argv) {
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    if (listen_fd != 3) {
      if (dup2(listen_fd, 3) < 0) _exit(127);  // dup2 clears FD_CLOEXEC on the copy
    } else {
      fcntl(3, F_SETFD, 0);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    setenv("LISTEN_FDS", "1", 1);
    setenv("LISTEN_PID", std::to_string(getpid()).c_str(), 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path, events;
  std::vector<char*> child;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--socket" && i + 1 < argc)
      path = argv[++i];
    else if (a == "--events" && i + 1 < argc)
      events = argv[++i];
    else if (a == "--") {
      for (++i; i < argc; ++i) child.push_back(argv[i]);
    }
  }
  if (path.empty() || child.empty()) {
    std::fprintf(stderr, "usage: socket_holder --socket PATH [--events FILE] -- BROKER ARGS...\n");
    return 2;
  }
  child.push_back(nullptr);

  if (pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) die("pipe");
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGTERM, SIGINT, SIGCHLD}) sigaction(s, &sa, nullptr);

  int listen_fd = bind_socket(path);
  pid_t running = 0;
  bool stopping = false;
  for (;;) {
    pollfd fds[2] = {{g_signal_pipe[0], POLLIN, 0}, {listen_fd, POLLIN, 0}};
    // While a broker runs it owns the socket; we only watch for signals.
    int n = poll(fds, running ? 1 : 2, -1);
    if (n < 0 && errno != EINTR) die("poll");
    if (fds[0].revents & POLLIN) {
      char c;
      while (read(g_signal_pipe[0], &c, 1) == 1) {
        if (c == SIGTERM || c == SIGINT) stopping = true;
      }
      int status = 0;
      pid_t done;
      while ((done = waitpid(-1, &status, WNOHANG)) > 0) {
        note(events, "exit " + std::to_string(done) + " " + std::to_string(status));
        if (done == running) {
          running = 0;
          // A broker that failed at start would be relaunched at once, forever: throttle.
          if (status != 0) sleep(1);
        }
      }
      if (stopping) {
        if (running) {
          kill(running, SIGTERM);
          waitpid(running, &status, 0);
          note(events, "exit " + std::to_string(running) + " " + std::to_string(status));
        }
        unlink(path.c_str());
        return 0;
      }
    }
    if (!running && !stopping && n > 0 && (fds[1].revents & POLLIN)) {
      running = launch(listen_fd, child);
      note(events, "launch " + std::to_string(running));
    }
  }
}
