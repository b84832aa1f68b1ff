// metrics: the Prometheus text of the state in memory, for `mountctl metrics`, and the same
// text written to [broker] metrics_file when an activation ends (node_exporter's textfile
// collector reads it; the file is replaced atomically, so the collector never sees half a file).
#include <fcntl.h>
#include <spdlog/spdlog.h>

#include "broker/ops/ops.hpp"
#include "core/metrics/prometheus_text.hpp"
#include "util/durable_file.hpp"
#include "util/errno_text.hpp"
#include "util/unique_fd.hpp"

namespace mb::broker::ops {

proto::ResponseBody metrics(Context& c) {
  // As status: `up` is a fact just checked against the mount table.
  c.broker.reconcile(c.supervision.settling_mounts());
  return proto::MetricsResponse{core::metrics::prometheus_text(c.broker.state())};
}

void write_metrics_file(const service::Instance& broker) {
  const core::config::Config* cfg = broker.config();
  if (!cfg || cfg->broker.metrics_file.empty()) return;
  const std::string& path = cfg->broker.metrics_file;  // absolute, names a file (config)
  const auto slash = path.rfind('/');
  const std::string dir = slash == 0 ? "/" : path.substr(0, slash);
  util::UniqueFd dirfd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dirfd.valid()) {
    spdlog::warn("metrics_file: {}", util::errno_text("open " + dir, errno));
    return;
  }
  // 0644: the collector usually runs as another user; the metrics hold no secret.
  auto st = util::replace_file_at(dirfd.get(), dir, path.substr(slash + 1),
                                  core::metrics::prometheus_text(broker.state()), 0644);
  if (!st) spdlog::warn("metrics_file: {}", st.error());
}

}  // namespace mb::broker::ops
