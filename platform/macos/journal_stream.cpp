#include "platform/journal_stream.hpp"

namespace mb::platform {

// launchd appends stderr to the job's StandardErrorPath: full lines, with their own time.
bool stderr_is_journal() {
  return false;
}

}  // namespace mb::platform
