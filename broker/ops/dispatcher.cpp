#include "broker/ops/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "broker/server/authorize.hpp"

namespace mb::broker::ops {

void Dispatcher::handle(const proto::Request& request, const platform::PeerCredentials& peer,
                        std::shared_ptr<server::Responder> out) {
  const proto::Op op = proto::op_of(request.body);
  // Looked up per request (membership may change while we run), and only when it decides.
  auto admin_gid = [this] { return c_.broker.admin_gid(); };
  auto decision = server::authorize(op, peer, admin_gid, c_.broker.admin_group());
  if (!decision.allowed) {
    spdlog::warn("client uid {} pid {}: {} refused: {}", peer.uid, peer.pid, proto::to_string(op),
                 decision.reason);
    return out->finish(
        {request.id, proto::ErrorBody{proto::ErrorCode::permission_denied, decision.reason}});
  }
  spdlog::debug("client uid {} pid {}: {}", peer.uid, peer.pid, proto::to_string(op));
  const auto& body = request.body;
  switch (op) {
    case proto::Op::status:
      return out->finish({request.id, status(c_, std::get<proto::StatusRequest>(body))});
    case proto::Op::version:
      return out->finish({request.id, version(c_)});
    case proto::Op::reload:
      return reload(c_, out);
    case proto::Op::mount:
      return mount(c_, std::get<proto::MountRequest>(body), out);
    case proto::Op::unmount:
      return unmount(c_, std::get<proto::UnmountRequest>(body), out);
    case proto::Op::probe: {
      // Everyone may probe; only those who may change things let it start a recovery.
      bool may_recover =
          server::authorize(proto::Op::mount, peer, admin_gid, c_.broker.admin_group()).allowed;
      return probe(c_, std::get<proto::ProbeRequest>(body), Caller{peer.uid, may_recover}, out);
    }
    case proto::Op::sweep:
      return sweep(c_, std::get<proto::SweepRequest>(body), out);
    case proto::Op::monitor:
      return c_.monitors.add(out);
    case proto::Op::metrics:
      return out->finish({request.id, metrics(c_)});
  }
  out->finish({request.id, proto::ErrorBody{proto::ErrorCode::internal, "unhandled operation"}});
}

bool Dispatcher::privileged(const platform::PeerCredentials& peer) const {
  auto admin_gid = [this] { return c_.broker.admin_gid(); };
  return server::authorize(proto::Op::mount, peer, admin_gid, c_.broker.admin_group()).allowed;
}

}  // namespace mb::broker::ops
