#include "broker/ops/wait_for.hpp"

namespace mb::broker::ops {

namespace {
struct Waiter {
  int watch_id = 0;
  std::unique_ptr<boost::asio::steady_timer> timer;
  bool done = false;
};
}  // namespace

void wait_for(Context& c, boost::asio::io_context& io, const std::string& name,
              std::chrono::seconds timeout, Settle settled, Out out) {
  auto w = std::make_shared<Waiter>();
  auto finish = [&c, w, out](proto::ResponseBody body) {
    if (w->done) return;
    w->done = true;
    c.supervision.unwatch(w->watch_id);
    if (w->timer) w->timer->cancel();
    finish_durable(c, out, std::move(body));
  };
  w->watch_id =
      c.supervision.watch([&c, name, settled, out, finish](const core::state::MountRecord& r) {
        if (r.name != name) return;
        proto::Event e;
        e.mount = to_status(r, c.broker.mount_config(name));
        out->event(e);
        if (c.supervision.busy(name)) return;  // a child still works on it
        if (auto body = settled(r)) finish(std::move(*body));
      });
  w->timer = std::make_unique<boost::asio::steady_timer>(io, timeout);
  w->timer->async_wait([w, finish, timeout](const boost::system::error_code& ec) {
    if (ec) return;
    finish(proto::ErrorBody{proto::ErrorCode::timeout,
                            "still not settled after " + std::to_string(timeout.count()) +
                                " s; the operation goes on (see mountctl status)"});
  });
  // It may already be settled (e.g. already mounted).
  if (const core::state::MountRecord* r = c.broker.record(name); r && !c.supervision.settling(name))
    if (auto body = settled(*r)) finish(std::move(*body));
}

}  // namespace mb::broker::ops
