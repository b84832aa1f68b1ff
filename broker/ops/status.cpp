#include "broker/ops/ops.hpp"
#include "broker/ops/recent_log.hpp"

namespace mb::broker::ops {
namespace {

// Lines of history `status NAME` shows: a screenful with the table above it.
constexpr std::size_t kLogLines = 10;

}  // namespace

proto::ResponseBody status(Context& c, const proto::StatusRequest& req) {
  // Cheap (one read of the mount table) and keeps `status` truthful while the broker lives.
  c.broker.reconcile(c.supervision.settling_mounts());
  proto::StatusResponse out;
  const core::config::Config* cfg = c.broker.config();
  const auto& records = c.broker.state().mounts;
  if (req.name.empty()) out.mounts.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    if (!req.name.empty() && r.name != req.name) continue;
    // Reconcile keeps the records in the config's order: the i-th mount is the usual match
    // (a config's names are unique, so it is the one find() would give).
    const core::config::MountConfig* m = nullptr;
    if (cfg && i < cfg->mounts.size() && cfg->mounts[i].name == r.name)
      m = &cfg->mounts[i];
    else if (cfg)
      m = cfg->find(r.name);
    out.mounts.push_back(to_status(r, m));
  }
  out.warnings = c.broker.warnings();
  if (req.name.empty()) return out;
  if (out.mounts.empty()) {
    std::string where = cfg ? " in " + cfg->path : "";
    return proto::ErrorBody{proto::ErrorCode::not_found,
                            "no mount named \"" + req.name + "\"" + where};
  }
  if (cfg && !cfg->broker.log_file.empty()) {
    out.log_file = cfg->broker.log_file;
    out.log = recent_log(out.log_file, req.name, kLogLines);
  }
  return out;
}

}  // namespace mb::broker::ops
