// macOS: libproc lists the processes with anything open on the volume (files, cwd).
// UNTESTED here (no macOS in CI). proc_listpidspath statfs()es the path: call it only for a
// mount the broker believes healthy (idle checks run only on mounted shares).
#include "platform/busy.hpp"

#include <libproc.h>

#include <vector>

namespace mb::platform {

bool is_busy(int /*mount_id*/, const std::string& mountpoint) {
  std::vector<int> pids(4096);
  int bytes =
      proc_listpidspath(PROC_ALL_PIDS, 0, mountpoint.c_str(), PROC_LISTPIDSPATH_PATH_IS_VOLUME,
                        pids.data(), static_cast<int>(pids.size() * sizeof(int)));
  if (bytes < 0) return true;  // cannot tell: never unmount on a guess
  return bytes > 0;
}

}  // namespace mb::platform
