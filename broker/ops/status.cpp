#include "broker/config/config.hpp"
#include "broker/ops/ops.hpp"

namespace mb::broker::ops {

proto::ResponseBody status(service::Broker& broker) {
  // Cheap (one read of the mount table) and keeps `status` truthful while the broker lives.
  broker.reconcile();
  proto::StatusResponse out;
  const config::Config* cfg = broker.config();
  for (const auto& r : broker.state().mounts) {
    proto::MountStatus m;
    m.name = r.name;
    const config::MountConfig* mc = cfg ? cfg->find(r.name) : nullptr;
    m.type = mc ? config::to_string(mc->type) : "";
    m.state = state::to_string(r.phase);
    m.desired = state::to_string(r.desired);
    m.finding = state::to_string(r.finding);
    m.mountpoint = r.mountpoint;
    m.source = r.source.empty() && mc ? mc->source : r.source;
    m.since = r.since;
    m.reason = r.reason;
    m.last_error = r.last_error;
    m.recoveries = r.recoveries;
    m.next_attempt_at = r.next_attempt_at;
    out.mounts.push_back(std::move(m));
  }
  out.warnings = broker.warnings();
  return out;
}

}  // namespace mb::broker::ops
