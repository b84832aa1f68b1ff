// Retry policy of the error classes a mount helper's failure is sorted into.
#include "core/supervisor/supervisor.hpp"

namespace mb::core::supervisor {

// An unclassified failure (unknown) is retried: it is more often a flaky server than a
// wrong setting, and the slow retry interval keeps it harmless. "none" is not a failure at
// all, so there is nothing to retry.
bool is_transient(ErrorClass c) {
  switch (c) {
    case ErrorClass::network:
    case ErrorClass::busy:
    case ErrorClass::timeout:
    case ErrorClass::unknown:
      return true;
    case ErrorClass::none:
    case ErrorClass::auth:
    case ErrorClass::config:
      return false;
  }
  return false;
}

}  // namespace mb::core::supervisor
