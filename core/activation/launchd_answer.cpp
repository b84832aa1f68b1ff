#include "core/activation/launchd_answer.hpp"

#include <cerrno>

#include "util/errno_text.hpp"

namespace mb::core::activation {

util::Result<std::vector<int>> launchd_answer(int err, std::vector<int> fds) {
  if (err == ESRCH || err == ENOENT) return std::vector<int>{};
  if (err != 0) return util::error(util::errno_text("launch_activate_socket", err));
  return fds;
}

}  // namespace mb::core::activation
