// UNTESTED here (no macOS in CI): reads the System keychain through security(1), the way an
// administrator stores it: security add-internet-password -s SERVER -a ACCOUNT -w.
#include "broker/platform/keychain.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "util/errno_text.hpp"

extern char** environ;

namespace mb::broker::platform {

util::Result<std::string> keychain_password(const std::string& server, const std::string& account) {
  int out[2];
  if (pipe(out) != 0) return util::error(util::errno_text("pipe", errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  const char* argv[] = {"/usr/bin/security",
                        "find-internet-password",
                        "-s",
                        server.c_str(),
                        "-a",
                        account.c_str(),
                        "-w",
                        "/Library/Keychains/System.keychain",
                        nullptr};
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    return util::error(util::errno_text("security", rc));
  }
  std::string password;
  char buf[256];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;) password.append(buf, n);
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return util::error("no System keychain entry for server \"" + server + "\" and account \"" +
                       account + "\"; add one with: sudo security add-internet-password -s " +
                       server + " -a " + account + " -w /Library/Keychains/System.keychain");
  if (!password.empty() && password.back() == '\n') password.pop_back();
  return password;
}

}  // namespace mb::broker::platform
