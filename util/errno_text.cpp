#include "util/errno_text.hpp"

#include <cstring>

namespace mb::util {
std::string errno_text(const std::string& what, int err) {
  return what + ": " + std::strerror(err);
}
}  // namespace mb::util
