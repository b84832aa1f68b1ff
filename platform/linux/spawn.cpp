#include "platform/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "util/errno_text.hpp"

namespace mb::platform {
namespace {

// posix_spawn's attribute and file-action objects, destroyed on every path.
struct Attributes {
  posix_spawnattr_t value;
  Attributes() { posix_spawnattr_init(&value); }
  ~Attributes() { posix_spawnattr_destroy(&value); }
  Attributes(const Attributes&) = delete;
  Attributes& operator=(const Attributes&) = delete;
};

struct FileActions {
  posix_spawn_file_actions_t value;
  FileActions() { posix_spawn_file_actions_init(&value); }
  ~FileActions() { posix_spawn_file_actions_destroy(&value); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
};

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// The child's sources are copied above every number they will be placed at, so no dup2 in the
// child can overwrite the source of another (the broker may be given low pipe numbers when it
// runs with 0-2 closed). The copies are close-on-exec; closefrom removes them in the child too.
struct Sources {
  util::UniqueFd in, out, err, extra;
};

util::Status lift(int fd, int floor, util::UniqueFd& into) {
  if (fd < 0) return util::ok_status();
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, floor);
  if (copy < 0) return util::error(util::errno_text("spawn: duplicate a descriptor", errno));
  into.reset(copy);
  return util::ok_status();
}

util::Result<Sources> lift_all(const SpawnRequest& r, int floor) {
  Sources s;
  for (auto [fd, into] : {std::pair{r.stdin_fd, &s.in}, std::pair{r.stdout_fd, &s.out},
                          std::pair{r.stderr_fd, &s.err}, std::pair{r.extra_fd, &s.extra}}) {
    auto lifted = lift(fd, floor, *into);
    if (!lifted) return util::error(lifted.error());
  }
  return s;
}

int place(posix_spawn_file_actions_t* fa, const util::UniqueFd& source, int target, int flags) {
  if (source.valid()) return posix_spawn_file_actions_adddup2(fa, source.get(), target);
  return posix_spawn_file_actions_addopen(fa, target, "/dev/null", flags, 0);
}

// Returns an errno value (0 on success), as the posix_spawn_* calls do.
int describe_files(posix_spawn_file_actions_t* fa, const Sources& s, int extra_target) {
  int rc = place(fa, s.in, 0, O_RDONLY);
  if (rc == 0) rc = place(fa, s.out, 1, O_WRONLY);
  if (rc == 0) rc = place(fa, s.err, 2, O_WRONLY);
  int keep_below = 3;
  if (rc == 0 && s.extra.valid()) {
    rc = posix_spawn_file_actions_adddup2(fa, s.extra.get(), extra_target);
    // closefrom only closes upwards: the gap between 2 and the target is closed one by one
    // (closing a number that is not open is not an error for posix_spawn).
    for (int fd = 3; rc == 0 && fd < extra_target; ++fd)
      rc = posix_spawn_file_actions_addclose(fa, fd);
    keep_below = extra_target + 1;
  }
  // A helper whose working directory is a mount point would keep that mount busy.
  if (rc == 0) rc = posix_spawn_file_actions_addchdir_np(fa, "/");
  // Nothing the broker holds (sockets, the state lock, other children's pipes) leaks in.
  if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(fa, keep_below);
  return rc;
}

// The broker blocks signals for asio::signal_set and ignores SIGPIPE; both would be inherited
// through exec. A process group of its own lets deadline signals reach every descendant.
int describe_attributes(posix_spawnattr_t* attr, bool new_session) {
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  // POSIX_SPAWN_SETSID makes the child a group leader too; SETPGROUP on top would fail.
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                (new_session ? POSIX_SPAWN_SETSID : POSIX_SPAWN_SETPGROUP);
  int rc = posix_spawnattr_setflags(attr, flags);
  if (rc == 0) rc = posix_spawnattr_setpgroup(attr, 0);
  if (rc == 0) rc = posix_spawnattr_setsigmask(attr, &none);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(attr, &all);
  return rc;
}

util::Result<util::UniqueFd> open_pidfd(pid_t pid) {
  int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));  // always close-on-exec
  if (fd < 0) return util::error(util::errno_text("pidfd_open", errno));
  return util::UniqueFd(fd);
}

}  // namespace

util::Result<Spawned> spawn(const SpawnRequest& request) {
  const int floor = std::max(3, request.extra_target + 1);
  auto sources = lift_all(request, floor);
  if (!sources) return util::error(sources.error());
  FileActions files;
  Attributes attributes;
  int rc = describe_files(&files.value, *sources, request.extra_target);
  if (rc == 0) rc = describe_attributes(&attributes.value, request.new_session);
  if (rc != 0) return util::error(util::errno_text("spawn " + request.path, rc));

  auto argv = c_strings(request.argv);
  auto envp = c_strings(request.env);
  pid_t pid = -1;
  rc = ::posix_spawn(&pid, request.path.c_str(), &files.value, &attributes.value, argv.data(),
                     envp.data());
  if (rc != 0) return util::error(util::errno_text(request.path, rc));

  auto pidfd = open_pidfd(pid);
  if (!pidfd) {
    // Unwatchable (out of descriptors): end it now rather than run it blind. No blocking wait:
    // a child already stuck in the kernel would hang the broker.
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, WNOHANG);
    return util::error(pidfd.error());
  }
  return Spawned{pid, std::move(*pidfd)};
}

std::optional<ExitStatus> try_reap(pid_t /*pid*/, int exit_fd) {
  siginfo_t info{};
  if (::waitid(P_PIDFD, static_cast<id_t>(exit_fd), &info, WEXITED | WNOHANG) != 0)
    return ExitStatus{false, -1, 0};  // ECHILD: collected elsewhere; it is gone all the same
  if (info.si_pid == 0) return std::nullopt;
  if (info.si_code == CLD_EXITED) return ExitStatus{false, info.si_status, 0};
  return ExitStatus{true, 0, info.si_status};  // CLD_KILLED or CLD_DUMPED
}

}  // namespace mb::platform
