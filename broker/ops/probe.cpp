#include "broker/ops/ops.hpp"

namespace mb::broker::ops {

void probe(Context& c, const proto::ProbeRequest& req, bool may_recover, Out out) {
  if (auto err = check_known(c, req.name)) return out->finish({0, *err});
  const state::MountRecord* r = c.broker.record(req.name);
  if (r->phase != state::Phase::mounted && r->phase != state::Phase::degraded)
    return out->finish({0, proto::ErrorBody{proto::ErrorCode::failed,
                                            req.name + " is " + state::to_string(r->phase) +
                                                ", not mounted: nothing to probe"}});
  auto start = std::chrono::steady_clock::now();
  std::string name = req.name;
  c.supervision.probe_only(name, [&c, name, may_recover, out, start](supervisor::ProbeFinished p) {
    proto::ProbeResponse resp;
    resp.outcome = p.outcome == supervisor::ProbeOutcome::healthy    ? "healthy"
                   : p.outcome == supervisor::ProbeOutcome::definite ? "definite"
                                                                     : "ambiguous";
    resp.detail = p.detail;
    resp.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    // Only callers allowed to change things let a probe start a recovery.
    if (may_recover && c.broker.record(name)) {
      c.supervision.apply(name, p);
      resp.recovering = c.broker.record(name)->phase == state::Phase::recovering;
    }
    if (const state::MountRecord* now = c.broker.record(name))
      resp.mount = to_status(*now, c.broker.mount_config(name));
    out->finish({0, resp});
  });
}

}  // namespace mb::broker::ops
