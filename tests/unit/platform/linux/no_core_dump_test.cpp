#include "platform/no_core_dump.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

namespace pf = mb::platform;

TEST_CASE("after disable_core_dumps no core file can be written, not even by raising the limit",
          "[platform][no_core_dump]") {
  // In a child: the test process itself keeps its limits.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int bad = 0;
    if (!pf::disable_core_dumps()) bad |= 1;
    struct rlimit lim {};
    if (::getrlimit(RLIMIT_CORE, &lim) != 0 || lim.rlim_cur != 0 || lim.rlim_max != 0)
      bad |= 2;  // hard 0: no way back
    if (::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) bad |= 4;
    ::_exit(bad);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
