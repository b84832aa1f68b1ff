#include "broker/platform/launchd.hpp"

namespace mb::broker::platform {
util::Result<std::vector<int>> launchd_sockets(const char*) {
  return std::vector<int>{};
}
}  // namespace mb::broker::platform
