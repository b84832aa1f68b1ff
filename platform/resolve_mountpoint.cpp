#include "platform/resolve_mountpoint.hpp"

namespace mb::platform {

std::string resolve_mountpoint(const std::string& configured) {
  // Most paths are written plainly: no doubled and no trailing slash.
  if (configured.find("//") == std::string::npos &&
      (configured.size() <= 1 || configured.back() != '/'))
    return configured;
  std::string out;
  out.reserve(configured.size());
  for (char c : configured)
    if (c != '/' || out.empty() || out.back() != '/') out += c;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace mb::platform
