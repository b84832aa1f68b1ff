// `ok` means durable: a change is acknowledged only once state.json holds it. State is
// written in batches off the loop (service::StateWriter), so the answer waits for the write
// that holds the change; when that write failed, the answer says so.
#include "broker/ops/ops.hpp"

namespace mb::broker::ops {
namespace {

proto::ResponseBody durable(Context& c, proto::ResponseBody body, bool saved) {
  if (saved) return body;
  const std::string why =
      "not saved to disk: " + c.broker.unsaved_error() +
      "; the broker keeps the change in memory, retries saving every few seconds and stays "
      "running until it succeeds (free space or fix the state directory; see mountctl status)";
  if (auto* e = std::get_if<proto::ErrorBody>(&body)) {
    // The failure matters more to a script than the save: keep its code, add the news.
    e->message += "; also " + why;
    return body;
  }
  return proto::ErrorBody{proto::ErrorCode::not_saved, "done, but " + why};
}

}  // namespace

void finish_durable(Context& c, Out out, proto::ResponseBody body) {
  c.broker.when_durable([&c, out, body = std::move(body)](bool saved) {
    out->finish({0, durable(c, body, saved)});
  });
}

}  // namespace mb::broker::ops
