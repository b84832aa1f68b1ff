#include <unistd.h>

#include "broker/ops/ops.hpp"
#include "util/build_config.hpp"

namespace mb::broker::ops {

proto::ResponseBody version(Context& c) {
  return proto::VersionResponse{util::kVersion, proto::kVersion,
                                static_cast<std::int64_t>(getpid()), c.broker.activation()};
}

}  // namespace mb::broker::ops
