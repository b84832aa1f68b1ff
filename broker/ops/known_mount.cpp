#include "broker/ops/ops.hpp"

// Whether a request names a mount this broker may act on.
namespace mb::broker::ops {

std::optional<proto::ErrorBody> check_known(Context& c, const std::string& name) {
  if (!c.broker.has_config())
    return proto::ErrorBody{proto::ErrorCode::config_invalid,
                            "no valid config is in force; fix the config file, then reload"};
  if (!c.broker.mount_config(name) || !c.broker.record(name))
    return proto::ErrorBody{proto::ErrorCode::not_found,
                            "no mount named \"" + name + "\" in " + c.broker.config()->path};
  if (c.broker.read_only())
    return proto::ErrorBody{proto::ErrorCode::state_read_only,
                            "state.json is from a newer mount-broker; nothing may change it"};
  return std::nullopt;
}

}  // namespace mb::broker::ops
