// Linux: the fork server forks with clone(CLONE_PARENT), so each child is the broker's own
// child: the broker opens its pidfd, sets its process group and reaps it as it does a spawned
// child, and the server never waits for one (a child stuck in state D is nothing to it).
#include "platform/fork_server.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "util/errno_text.hpp"

extern char** environ;

namespace mb::platform {
namespace {

constexpr int kChildFds = 2;  // stdout, stderr

// Where the kernel finds our command line and, right after it, our environment (fields 48-51
// of /proc/self/stat). A child cannot point the kernel elsewhere without CAP_SYS_RESOURCE,
// which the service does not have, so it writes its own command line into that space.
struct ArgSpace {
  char* start = nullptr;
  std::size_t args = 0;   // the argv strings
  std::size_t total = 0;  // argv and environment strings
};
ArgSpace g_arg_space;

ArgSpace find_arg_space() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  std::getline(in, line);
  auto paren = line.rfind(')');  // comm may hold spaces; the fields after it do not
  if (paren == std::string::npos) return {};
  std::istringstream fields(line.substr(paren + 2));
  std::string f;
  unsigned long long v[4] = {};                   // arg_start, arg_end, env_start, env_end
  for (int i = 3; i <= 51 && (fields >> f); ++i)  // field 3 is the state
    if (i >= 48) v[i - 48] = std::strtoull(f.c_str(), nullptr, 10);
  if (v[0] == 0 || v[1] <= v[0] || v[2] < v[1] || v[3] < v[2]) return {};
  return {reinterpret_cast<char*>(v[0]), static_cast<std::size_t>(v[1] - v[0]),
          static_cast<std::size_t>(v[2] == v[1] ? v[3] - v[0] : v[1] - v[0])};
}

// `ps` and the tests see what the child does ("mount-broker --internal probe PATH"), as they
// did when each child was an exec of the binary. What does not fit the argv space is written
// on over the environment as one string, the way setproctitle(3) does, which the kernel shows
// whole because the last byte of the argv space is then not a NUL.
void set_command_line(const std::vector<std::string>& argv) {
  // The process name too, as an exec would set it (the server's differs: see become_server).
  std::string name = argv[0].substr(argv[0].rfind('/') + 1).substr(0, 15);
  ::prctl(PR_SET_NAME, name.c_str(), 0, 0, 0);
  ArgSpace s = g_arg_space;
  if (!s.start || s.total == 0) return;
  std::string line;
  for (const auto& a : argv) line.append(a).push_back('\0');
  if (line.size() > s.args)
    for (std::size_t i = 0; i + 1 < line.size(); ++i)
      if (line[i] == '\0') line[i] = ' ';
  std::size_t n = std::min(line.size(), s.total);
  std::memset(s.start, 0, s.total);
  std::memcpy(s.start, line.data(), n);
  s.start[s.total - 1] = '\0';
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

[[noreturn]] void run_child(ForkedMain main, const ForkRequest& r, const int* fds) {
  ::setpgid(0, 0);
  // The server's 0-2 are /dev/null: stdin stays so. Then nothing but 0-2 stays open.
  if (::dup2(fds[0], 1) < 0 || ::dup2(fds[1], 2) < 0) ::_exit(127);
  ::close_range(3, ~0U, 0);
  set_command_line(r.argv);
  static std::vector<char*> envp;  // environ must outlive this frame
  envp = c_strings(r.env);
  environ = envp.data();
  int rc = main(std::vector<std::string>(r.argv.begin() + 2, r.argv.end()));
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(rc);
}

// A child of our parent (the broker), not of the server: the broker reaps it.
pid_t fork_for_parent() {
  return static_cast<pid_t>(::syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0));
}

// The descriptors that came with a message (close-on-exec), at most kChildFds used.
std::vector<int> received_fds(msghdr& msg) {
  std::vector<int> fds;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    std::size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < n; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
      fds.push_back(fd);
    }
  }
  return fds;
}

ForkReply handle(ForkedMain main, std::string_view bytes, const std::vector<int>& fds,
                 bool truncated) {
  ForkReply reply;
  auto request = decode_fork_request(bytes);
  if (request) reply.seq = request->seq;
  if (!request || truncated || fds.size() != kChildFds || request->argv.size() < 2 ||
      request->argv[1] != "--internal") {
    reply.error = EINVAL;
    return reply;
  }
  pid_t pid = fork_for_parent();
  if (pid == 0) run_child(main, *request, fds.data());
  if (pid < 0) reply.error = errno;
  reply.pid = pid;
  return reply;
}

[[noreturn]] void serve(int channel, ForkedMain main) {
  static char buffer[kMaxForkRequest];
  for (;;) {
    iovec iov{buffer, sizeof buffer};
    alignas(cmsghdr) char control[CMSG_SPACE(4 * sizeof(int))];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = ::recvmsg(channel, &msg, MSG_CMSG_CLOEXEC);
    if (n == 0) ::_exit(0);  // the broker closed its end or exited
    if (n < 0) {
      if (errno == EINTR) continue;
      ::_exit(1);
    }
    auto fds = received_fds(msg);
    bool truncated = (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0;
    ForkReply reply =
        handle(main, std::string_view(buffer, static_cast<std::size_t>(n)), fds, truncated);
    for (int fd : fds) ::close(fd);
    std::string bytes = encode(reply);
    while (::send(channel, bytes.data(), bytes.size(), MSG_NOSIGNAL) < 0)
      if (errno != EINTR) ::_exit(0);
  }
}

// The server holds nothing of the broker's: /dev/null on 0-2, its channel, nothing else.
[[noreturn]] void become_server(int inherited_channel, ForkedMain main) {
  int channel = ::fcntl(inherited_channel, F_DUPFD_CLOEXEC, 3);
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (channel < 0 || null < 0) ::_exit(1);
  for (int fd = 0; fd < 3; ++fd)
    if (::dup2(null, fd) < 0) ::_exit(1);
  if (channel > 3) ::close_range(3, static_cast<unsigned>(channel) - 1, 0);
  ::close_range(static_cast<unsigned>(channel) + 1, ~0U, 0);
  // Forked with every signal blocked (start_fork_server): none reaches a handler of the
  // broker's before the defaults are back.
  for (int sig = 1; sig < NSIG; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) ::signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  if (::chdir("/") != 0) ::_exit(1);  // never pins a mount
  // Its command line is the broker's: its name tells it apart (`pgrep -x mount-broker`).
  ::prctl(PR_SET_NAME, "mb-fork-server", 0, 0, 0);
  g_arg_space = find_arg_space();
  serve(channel, main);
}

}  // namespace

util::Result<ForkServer> start_fork_server(ForkedMain main) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
    return util::error(util::errno_text("fork server: socketpair", errno));
  util::UniqueFd ours(sv[0]), theirs(sv[1]);
  // Whatever stdio holds unwritten would be written again by every child.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  // The caller may have signal handlers by now (the server may be started late): the server
  // must not run one of them before it has reset them.
  sigset_t all, before;
  sigfillset(&all);
  ::sigprocmask(SIG_SETMASK, &all, &before);
  pid_t pid = ::fork();
  if (pid == 0) become_server(theirs.get(), main);
  int fork_errno = errno;
  ::sigprocmask(SIG_SETMASK, &before, nullptr);
  if (pid < 0) return util::error(util::errno_text("fork server: fork", fork_errno));
  theirs.reset();
  int flags = ::fcntl(ours.get(), F_GETFL);
  if (flags < 0 || ::fcntl(ours.get(), F_SETFL, flags | O_NONBLOCK) != 0)
    return util::error(util::errno_text("fork server: non-blocking channel", errno));
  return ForkServer{pid, std::move(ours)};
}

util::Status send_fork_request(int channel, const ForkRequest& request, int stdout_fd,
                               int stderr_fd) {
  auto bytes = encode(request);
  if (!bytes) return util::error(bytes.error());
  iovec iov{bytes->data(), bytes->size()};
  alignas(cmsghdr) char control[CMSG_SPACE(kChildFds * sizeof(int))]{};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(kChildFds * sizeof(int));
  int fds[kChildFds] = {stdout_fd, stderr_fd};
  std::memcpy(CMSG_DATA(c), fds, sizeof fds);
  ssize_t n;
  do n = ::sendmsg(channel, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  if (n < 0) return util::error(util::errno_text("fork server: send", errno));
  return util::ok_status();
}

util::Result<std::optional<ForkReply>> receive_fork_reply(int channel) {
  char buffer[64];
  ssize_t n;
  do n = ::recv(channel, buffer, sizeof buffer, MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return std::optional<ForkReply>();
  if (n < 0) return util::error(util::errno_text("fork server: receive", errno));
  if (n == 0) return util::error("fork server: gone");
  auto reply = decode_fork_reply(std::string_view(buffer, static_cast<std::size_t>(n)));
  if (!reply) return util::error(reply.error());
  return std::optional<ForkReply>(*reply);
}

util::Result<util::UniqueFd> watch_forked(pid_t pid) {
  ::setpgid(pid, pid);  // the child does the same; whichever runs first (EACCES once it ran)
  int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));  // close-on-exec
  if (fd < 0) return util::error(util::errno_text("pidfd_open", errno));
  return util::UniqueFd(fd);
}

}  // namespace mb::platform
