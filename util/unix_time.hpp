#pragma once
// The wall clock in whole seconds since the epoch: what the state file and the supervisor's
// schedule store (std::time_t's width differs between platforms; this one does not).
#include <cstdint>
#include <ctime>

namespace mb::util {

inline std::int64_t unix_now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace mb::util
