#include "broker/ops/ops.hpp"

namespace mb::broker::ops {

proto::ResponseBody status(Context& c) {
  // Cheap (one read of the mount table) and keeps `status` truthful while the broker lives.
  c.broker.reconcile(c.supervision.settling_mounts());
  proto::StatusResponse out;
  const core::config::Config* cfg = c.broker.config();
  for (const auto& r : c.broker.state().mounts)
    out.mounts.push_back(to_status(r, cfg ? cfg->find(r.name) : nullptr));
  out.warnings = c.broker.warnings();
  return out;
}

}  // namespace mb::broker::ops
