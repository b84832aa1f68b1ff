#include "platform/no_core_dump.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>

#include "util/errno_text.hpp"

namespace mb::platform {

util::Status disable_core_dumps() {
  const struct rlimit none { 0, 0 };
  if (::setrlimit(RLIMIT_CORE, &none) != 0) {
    return util::error(util::errno_text("setrlimit(RLIMIT_CORE, 0)", errno));
  }
  // The rlimit alone does not stop a core_pattern pipe ("|/usr/lib/systemd/...") from getting
  // the memory; a process that is not dumpable gets no core at all.
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return util::error(util::errno_text("prctl(PR_SET_DUMPABLE, 0)", errno));
  }
  return util::ok_status();
}

}  // namespace mb::platform
