#include <unistd.h>

#include "broker/ops/ops.hpp"
#include "util/build_config.hpp"

namespace mb::broker::ops {

proto::ResponseBody version(service::Broker& broker) {
  return proto::VersionResponse{util::kVersion, proto::kVersion, static_cast<std::int64_t>(getpid()),
                                broker.activation()};
}

}  // namespace mb::broker::ops
