#pragma once
// One function per operation; each file in this folder implements one. The dispatcher has
// already authorized the caller. Quick operations return their answer; long ones answer
// through the Responder when their children are done.
#include <memory>

#include "broker/ops/monitor.hpp"
#include "broker/server/handler.hpp"
#include "broker/service/instance.hpp"
#include "broker/service/supervisor_shell.hpp"
#include "proto/messages.hpp"

namespace mb::broker::ops {

struct Context {
  boost::asio::io_context& io;
  service::Instance& broker;
  service::SupervisorShell& supervision;
  Monitors& monitors;
};

using Out = std::shared_ptr<server::Responder>;

// Who asked, as far as an operation needs to know.
struct Caller {
  uid_t uid = 0;
  bool may_change = false;  // root or admin_group: may mount, unmount, recover
};

proto::ResponseBody status(Context& c, const proto::StatusRequest& req);
proto::ResponseBody version(Context& c);
void reload(Context& c, Out out);
void mount(Context& c, const proto::MountRequest& req, Out out);
void unmount(Context& c, const proto::UnmountRequest& req, Out out);
void probe(Context& c, const proto::ProbeRequest& req, const Caller& caller, Out out);
void sweep(Context& c, const proto::SweepRequest& r, Out out);
proto::ResponseBody metrics(Context& c);

// Writes the metrics to [broker] metrics_file, if set, when an activation ends (main.cpp). A
// failure is logged: the metrics must never keep the broker from exiting.
void write_metrics_file(const service::Instance& broker);

// A phase as the protocol names it. `backoff` is shown as "recovering": to a client it is one
// recovery, and its next_attempt_at says when the next attempt is (the wire keeps its words).
const char* phase_name(core::state::Phase p);
// A mount as the protocol shows it.
proto::MountStatus to_status(const core::state::MountRecord& r, const core::config::MountConfig* m);
// Answers a request that changed something once the write holding the change is done:
// `body` if it is on disk, else a not_saved error (an error body keeps its code and gains the
// reason).
void finish_durable(Context& c, Out out, proto::ResponseBody body);
// An error for a name that is not configured, or nullopt if it is.
std::optional<proto::ErrorBody> check_known(Context& c, const std::string& name);

}  // namespace mb::broker::ops
