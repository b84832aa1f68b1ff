#include "platform/self_exe.hpp"

#include <mach-o/dyld.h>

#include <climits>
#include <cstdlib>
#include <vector>

namespace mb::platform {
std::string self_executable() {
  uint32_t size = 0;
  _NSGetExecutablePath(nullptr, &size);
  std::vector<char> buf(size + 1);
  if (_NSGetExecutablePath(buf.data(), &size) != 0) return "mount-broker";
  char resolved[PATH_MAX];
  return realpath(buf.data(), resolved) ? std::string(resolved) : std::string(buf.data());
}
}  // namespace mb::platform
