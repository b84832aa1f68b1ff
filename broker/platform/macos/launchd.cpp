#include "broker/platform/launchd.hpp"

#include <launch.h>

#include <cerrno>
#include <cstdlib>

#include "util/errno_text.hpp"

namespace mb::broker::platform {

util::Result<std::vector<int>> launchd_sockets(const char* name) {
  int* fds = nullptr;
  size_t count = 0;
  int err = launch_activate_socket(name, &fds, &count);
  // ESRCH: not managed by launchd; ENOENT: the job has no such socket.
  if (err == ESRCH || err == ENOENT) return std::vector<int>{};
  if (err != 0) return util::error(util::errno_text("launch_activate_socket", err));
  std::vector<int> out(fds, fds + count);
  std::free(fds);
  return out;
}

}  // namespace mb::broker::platform
