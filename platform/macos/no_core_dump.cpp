#include "platform/no_core_dump.hpp"

#include <sys/resource.h>

#include <cerrno>

#include "util/errno_text.hpp"

namespace mb::platform {

// macOS has no PR_SET_DUMPABLE; the rlimit is what decides whether /cores gets a file.
util::Status disable_core_dumps() {
  const struct rlimit none { 0, 0 };
  if (::setrlimit(RLIMIT_CORE, &none) != 0) {
    return util::error(util::errno_text("setrlimit(RLIMIT_CORE, 0)", errno));
  }
  return util::ok_status();
}

}  // namespace mb::platform
