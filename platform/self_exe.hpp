#pragma once
#include <string>

namespace mb::platform {
// Absolute path of the running executable, for children of our own binary.
std::string self_executable();
}  // namespace mb::platform
