#include "broker/ops/ops.hpp"

namespace mb::broker::ops {

proto::ResponseBody reload(Context& c) {
  auto diff = c.broker.reload();
  if (!diff)
    return proto::ErrorBody{proto::ErrorCode::config_invalid,
                            diff.error() + "\nthe config in force is unchanged"};
  return proto::ReloadResponse{diff->added, diff->removed, diff->changed};
}

}  // namespace mb::broker::ops
