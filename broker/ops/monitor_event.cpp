#include "broker/ops/monitor_event.hpp"

namespace mb::broker::ops {

std::optional<proto::Event> state_change(const proto::MountStatus* before,
                                         const proto::MountStatus& after, std::int64_t now) {
  proto::Event e;
  e.kind = "state";
  e.time = now;
  e.mount = after;
  if (!before) {
    e.changes = {"phase", "desired"};
    if (!after.last_error.empty()) e.changes.push_back("error");
    return e;
  }
  e.from = before->state;
  if (before->state != after.state) e.changes.push_back("phase");
  if (before->desired != after.desired) e.changes.push_back("desired");
  if (before->last_error != after.last_error || before->error_class != after.error_class)
    e.changes.push_back("error");
  if (before->recoveries != after.recoveries) e.changes.push_back("recoveries");
  if (e.changes.empty()) return std::nullopt;
  return e;
}

}  // namespace mb::broker::ops
