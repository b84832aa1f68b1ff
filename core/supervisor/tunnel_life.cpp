#include "core/supervisor/tunnel_life.hpp"

namespace mb::core::supervisor {

bool tunnel_may_run(state::Phase phase) {
  switch (phase) {
    case state::Phase::mounting:
    case state::Phase::mounted:
    case state::Phase::degraded:
    case state::Phase::recovering:
    case state::Phase::unmounting:
      return true;
    case state::Phase::unmounted:
    case state::Phase::failed:
    case state::Phase::backoff:
      return false;
  }
  return false;
}

bool tunnel_to_end(const state::MountRecord& r) {
  return r.tunnel_pid > 0 && !tunnel_may_run(r.phase);
}

}  // namespace mb::core::supervisor
