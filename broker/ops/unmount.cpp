#include "broker/ops/ops.hpp"
#include "broker/ops/wait_for.hpp"

namespace mb::broker::ops {

void unmount(Context& c, const proto::UnmountRequest& req, Out out) {
  if (auto err = check_known(c, req.name)) return out->finish({0, *err});
  const auto& settings = c.broker.mount_config(req.name)->settings;
  c.supervision.apply(req.name, core::supervisor::UnmountRequested{req.force});
  auto settled = [&c](const core::state::MountRecord& r) -> std::optional<proto::ResponseBody> {
    using core::state::Phase;
    auto status = to_status(r, c.broker.mount_config(r.name));
    if (r.phase == Phase::unmounted) return proto::MountResponse{status};
    if (r.phase == Phase::mounted || r.phase == Phase::degraded) {
      // The unmount was refused; busy has its own code so scripts can tell.
      auto code = r.error_class == core::state::ErrorClass::busy ? proto::ErrorCode::busy
                                                                 : proto::ErrorCode::failed;
      return proto::ErrorBody{
          code,
          r.name + ": " + r.last_error +
              (code == proto::ErrorCode::busy ? " (close what uses it, or unmount --force)" : "")};
    }
    return std::nullopt;
  };
  wait_for(c, c.io, req.name, std::chrono::seconds(settings.mount_timeout_sec + 5), settled, out);
}

}  // namespace mb::broker::ops
