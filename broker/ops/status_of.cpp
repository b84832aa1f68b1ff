#include "broker/ops/ops.hpp"

// A record as the protocol shows it: the wire keeps its own words for phases.
namespace mb::broker::ops {

const char* phase_name(core::state::Phase p) {
  return core::state::to_string(p == core::state::Phase::backoff ? core::state::Phase::recovering
                                                                 : p);
}

proto::MountStatus to_status(const core::state::MountRecord& r,
                             const core::config::MountConfig* m) {
  // Each field made once from its value (a status of 1,000 mounts makes 1,000 of these).
  // core::config::load refuses a password in the options, so they can be shown as they are.
  return proto::MountStatus{
      .name = r.name,
      .type = m ? core::config::to_string(m->type) : "",
      .state = phase_name(r.phase),
      .desired = core::state::to_string(r.desired),
      .finding = core::state::to_string(r.finding),
      .mountpoint = r.mountpoint,
      .source = r.source.empty() && m ? m->source : r.source,
      .since = r.since,
      .reason = core::state::to_string(r.reason),
      .last_error = r.last_error,
      .error_class = core::state::to_string(r.error_class),
      .recoveries = r.recoveries,
      .next_attempt_at = r.next_attempt_at,
      .retry_each_sweep = r.recheck,
      .options = m ? m->settings.options : std::vector<std::string>{},
      .last_probe_at = r.last_probe_at,
      .last_probe_ms = r.last_probe_ms,
  };
}

}  // namespace mb::broker::ops
