// `ok` means durable: a change is acknowledged only once state.json holds it. While the
// state could not be saved, every answer to a request that changes something says so.
#include "broker/ops/ops.hpp"

namespace mb::broker::ops {

proto::ResponseBody durable(Context& c, proto::ResponseBody body) {
  if (c.broker.saved()) return body;
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

}  // namespace mb::broker::ops
