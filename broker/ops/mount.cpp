#include "broker/ops/ops.hpp"
#include "broker/ops/wait_for.hpp"

namespace mb::broker::ops {
namespace {

// The answer once a mount request has run its course.
std::optional<proto::ResponseBody> mount_settled(Context& c, const core::state::MountRecord& r) {
  using core::state::Phase;
  auto status = to_status(r, c.broker.mount_config(r.name));
  switch (r.phase) {
    case Phase::mounted:
    case Phase::degraded:
      return proto::MountResponse{status};
    case Phase::failed:
    case Phase::unmounted:
      return proto::ErrorBody{
          proto::ErrorCode::failed,
          r.name + ": " +
              (r.error_class == core::state::ErrorClass::none
                   ? ""
                   : std::string(core::state::to_string(r.error_class)) + ": ") +
              (r.last_error.empty() ? std::string("not mounted") : r.last_error)};
    case Phase::backoff:
      return proto::ErrorBody{proto::ErrorCode::failed,
                              r.name + ": " + r.last_error + " (retrying)"};
    case Phase::recovering:
    case Phase::mounting:
    case Phase::unmounting:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

void mount(Context& c, const proto::MountRequest& req, Out out) {
  if (auto err = check_known(c, req.name)) return out->finish({0, *err});
  const auto& settings = c.broker.mount_config(req.name)->settings;
  if (!req.wait) {
    c.supervision.apply(req.name, core::supervisor::MountRequested{});
    return finish_durable(c, out,
                          proto::MountResponse{to_status(*c.broker.record(req.name),
                                                         c.broker.mount_config(req.name))});
  }
  int timeout = req.timeout_sec > 0 ? req.timeout_sec : settings.mount_timeout_sec + 5;
  // Apply first: a failure found at once (missing mount point) settles it before the wait.
  c.supervision.apply(req.name, core::supervisor::MountRequested{});
  wait_for(
      c, c.io, req.name, std::chrono::seconds(timeout),
      [&c](const core::state::MountRecord& r) { return mount_settled(c, r); }, out);
}

}  // namespace mb::broker::ops
