// macOS: posix_spawn with POSIX_SPAWN_CLOEXEC_DEFAULT (nothing leaks but what the file
// actions place), and a kqueue watching EVFILT_PROC/NOTE_EXIT as the exit descriptor.
// Compiled and linked against the macOS 12 SDK, never run here; mirrors
// platform/linux/spawn.cpp.
#include "platform/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/event.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "util/errno_text.hpp"

namespace mb::platform {
namespace {

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// With POSIX_SPAWN_CLOEXEC_DEFAULT a dup2 onto itself keeps the descriptor marked for closing:
// one that already sits at its target is inherited explicitly instead.
int place_fd(posix_spawn_file_actions_t* fa, int source, int target) {
  if (source == target) return posix_spawn_file_actions_addinherit_np(fa, target);
  return posix_spawn_file_actions_adddup2(fa, source, target);
}

int place(posix_spawn_file_actions_t* fa, int source, int target, int flags) {
  if (source >= 0) return place_fd(fa, source, target);
  return posix_spawn_file_actions_addopen(fa, target, "/dev/null", flags, 0);
}

// Readable once `pid` has exited. A child that is already gone cannot be registered
// (ESRCH): a pipe whose write end is closed is readable at once instead.
util::Result<util::UniqueFd> exit_watch(pid_t pid) {
  util::UniqueFd kq(kqueue());
  if (!kq.valid()) return util::error(util::errno_text("kqueue", errno));
  struct kevent ev;
  EV_SET(&ev, pid, EVFILT_PROC, EV_ADD | EV_ONESHOT, NOTE_EXIT, 0, nullptr);
  if (kevent(kq.get(), &ev, 1, nullptr, 0, nullptr) == 0) return kq;
  if (errno != ESRCH) return util::error(util::errno_text("kevent", errno));
  int p[2];
  if (pipe(p) != 0) return util::error(util::errno_text("pipe", errno));
  close(p[1]);
  return util::UniqueFd(p[0]);
}

}  // namespace

util::Result<Spawned> spawn(const SpawnRequest& r) {
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&fa);
  posix_spawnattr_init(&attr);
  int rc = place(&fa, r.stdin_fd, 0, O_RDONLY);
  if (rc == 0) rc = place(&fa, r.stdout_fd, 1, O_WRONLY);
  if (rc == 0) rc = place(&fa, r.stderr_fd, 2, O_WRONLY);
  if (rc == 0 && r.extra_fd >= 0) rc = place_fd(&fa, r.extra_fd, r.extra_target);
  if (rc == 0) rc = posix_spawn_file_actions_addchdir_np(&fa, "/");
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  // SIGKILL and SIGSTOP cannot have a disposition: asking to reset them is asking for EINVAL.
  sigdelset(&all, SIGKILL);
  sigdelset(&all, SIGSTOP);
  short flags = POSIX_SPAWN_CLOEXEC_DEFAULT | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                (r.new_session ? POSIX_SPAWN_SETSID : POSIX_SPAWN_SETPGROUP);
  if (rc == 0) rc = posix_spawnattr_setflags(&attr, flags);
  if (rc == 0) rc = posix_spawnattr_setpgroup(&attr, 0);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &none);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &all);
  pid_t pid = -1;
  if (rc == 0) {
    auto argv = c_strings(r.argv);
    auto envp = c_strings(r.env);
    rc = posix_spawn(&pid, r.path.c_str(), &fa, &attr, argv.data(), envp.data());
  }
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return util::error(util::errno_text(r.path, rc));
  auto watch = exit_watch(pid);
  if (!watch) {
    kill(-pid, SIGKILL);
    waitpid(pid, nullptr, WNOHANG);
    return util::error(watch.error());
  }
  return Spawned{pid, std::move(*watch)};
}

std::optional<ExitStatus> try_reap(pid_t pid, int) {
  int status = 0;
  pid_t got = waitpid(pid, &status, WNOHANG);
  if (got == 0) return std::nullopt;
  if (got < 0) return ExitStatus{false, -1, 0};
  if (WIFSIGNALED(status)) return ExitStatus{true, 0, WTERMSIG(status)};
  return ExitStatus{false, WEXITSTATUS(status), 0};
}

}  // namespace mb::platform
