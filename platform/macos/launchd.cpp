// launchd socket activation. Compiled and linked against the macOS 12 SDK, never run here;
// the meaning of the answer is core::activation::launchd_answer, tested on every OS.
#include "platform/launchd.hpp"

#include <launch.h>

#include <cstdlib>

#include "core/activation/launchd_answer.hpp"

namespace mb::platform {

util::Result<std::vector<int>> launchd_sockets(const char* name) {
  int* fds = nullptr;
  size_t count = 0;
  const int err = launch_activate_socket(name, &fds, &count);
  // launchd allocates the array (also on some errors): it is ours to free in every case.
  std::vector<int> handed = fds ? std::vector<int>(fds, fds + count) : std::vector<int>{};
  std::free(fds);
  return core::activation::launchd_answer(err, std::move(handed));
}

}  // namespace mb::platform
