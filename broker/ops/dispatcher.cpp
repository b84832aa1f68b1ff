#include "broker/ops/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "broker/ops/ops.hpp"
#include "broker/server/authorize.hpp"

namespace mb::broker::ops {

proto::Response Dispatcher::handle(const proto::Request& request,
                                   const platform::PeerCredentials& peer) {
  const proto::Op op = proto::op_of(request.body);
  auto decision = server::authorize(op, peer, broker_.admin_gid(), broker_.admin_group());
  if (!decision.allowed) {
    spdlog::warn("client uid {} pid {}: {} refused: {}", peer.uid, peer.pid, proto::to_string(op),
                 decision.reason);
    return {request.id, proto::ErrorBody{proto::ErrorCode::permission_denied, decision.reason}};
  }
  spdlog::debug("client uid {} pid {}: {}", peer.uid, peer.pid, proto::to_string(op));
  switch (op) {
    case proto::Op::status: return {request.id, status(broker_)};
    case proto::Op::version: return {request.id, version(broker_)};
    case proto::Op::reload: return {request.id, reload(broker_)};
  }
  return {request.id, proto::ErrorBody{proto::ErrorCode::internal, "unhandled operation"}};
}

}  // namespace mb::broker::ops
