#include "broker/ops/ops.hpp"

// A record as the protocol shows it: the wire keeps its own words for phases.
namespace mb::broker::ops {

const char* phase_name(core::state::Phase p) {
  return core::state::to_string(p == core::state::Phase::backoff ? core::state::Phase::recovering
                                                                 : p);
}

proto::MountStatus to_status(const core::state::MountRecord& r,
                             const core::config::MountConfig* m) {
  proto::MountStatus s;
  s.name = r.name;
  s.type = m ? core::config::to_string(m->type) : "";
  s.state = phase_name(r.phase);
  s.desired = core::state::to_string(r.desired);
  s.finding = core::state::to_string(r.finding);
  s.mountpoint = r.mountpoint;
  s.source = r.source.empty() && m ? m->source : r.source;
  s.since = r.since;
  s.reason = core::state::to_string(r.reason);
  s.last_error = r.last_error;
  s.error_class = core::state::to_string(r.error_class);
  s.recoveries = r.recoveries;
  s.next_attempt_at = r.next_attempt_at;
  s.retry_each_sweep = r.recheck;
  // core::config::load refuses a password in the options, so they can be shown as they are.
  if (m) s.options = m->settings.options;
  s.last_probe_at = r.last_probe_at;
  s.last_probe_ms = r.last_probe_ms;
  return s;
}

}  // namespace mb::broker::ops
