#pragma once
// Waits for a mount's record to settle, streaming each change to the client as an event.
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "broker/ops/ops.hpp"

namespace mb::broker::ops {

// `settled` is asked after each change of the record while no child works on the mount (and
// once at the start), and returns the final response body once the record says the
// operation is over. At `timeout` the client gets `timeout`; the operation itself goes on.
using Settle = std::function<std::optional<proto::ResponseBody>(const core::state::MountRecord&)>;

void wait_for(Context& c, boost::asio::io_context& io, const std::string& name,
              std::chrono::seconds timeout, Settle settled, Out out);

}  // namespace mb::broker::ops
