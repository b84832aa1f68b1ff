#pragma once
#include <string>

namespace mb::util {
// "open /x: No such file or directory" style text for the current errno value.
std::string errno_text(const std::string& what, int err);
}  // namespace mb::util
