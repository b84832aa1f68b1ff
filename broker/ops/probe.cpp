#include "broker/ops/ops.hpp"

namespace mb::broker::ops {

void probe(Context& c, const proto::ProbeRequest& req, const Caller& caller, Out out) {
  if (auto err = check_known(c, req.name)) return out->finish({0, *err});
  const core::state::MountRecord* r = c.broker.record(req.name);
  if (r->phase != core::state::Phase::mounted && r->phase != core::state::Phase::degraded)
    return out->finish(
        {0, proto::ErrorBody{proto::ErrorCode::failed, req.name + " is " + phase_name(r->phase) +
                                                           ", not mounted: nothing to probe"}});
  auto start = std::chrono::steady_clock::now();
  std::string name = req.name;
  bool may_recover = caller.may_change;
  auto done = [&c, name, may_recover, out,
               start](const util::Result<core::supervisor::ProbeFinished>& result) {
    if (!result) return out->finish({0, proto::ErrorBody{proto::ErrorCode::busy, result.error()}});
    const core::supervisor::ProbeFinished& p = *result;
    proto::ProbeResponse resp;
    resp.outcome = p.outcome == core::supervisor::ProbeOutcome::healthy    ? "healthy"
                   : p.outcome == core::supervisor::ProbeOutcome::definite ? "definite"
                                                                           : "ambiguous";
    resp.detail = p.detail;
    resp.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    // The supervision has already fed the result to the supervisor, for callers allowed to
    // change things only.
    if (const core::state::MountRecord* now = c.broker.record(name)) {
      if (may_recover) resp.recovering = now->phase == core::state::Phase::recovering;
      resp.mount = to_status(*now, c.broker.mount_config(name));
    }
    // A privileged caller's result may have changed the record (last probe, a recovery
    // started): answer once it is on disk, and say so when it could not be saved.
    finish_durable(c, out, resp);
  };
  auto ask = c.supervision.probe_for(name, {caller.uid, may_recover}, done);
  if (ask == service::ProbeScheduler::Ask::refused)
    out->finish({0, proto::ErrorBody{proto::ErrorCode::busy,
                                     "uid " + std::to_string(caller.uid) +
                                         " already has probes of other mounts running; probe " +
                                         name + " when they are done"}});
}

}  // namespace mb::broker::ops
