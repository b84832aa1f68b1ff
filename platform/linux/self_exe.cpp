#include "platform/self_exe.hpp"

#include <unistd.h>

namespace mb::platform {
std::string self_executable() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string("mount-broker");
}
}  // namespace mb::platform
