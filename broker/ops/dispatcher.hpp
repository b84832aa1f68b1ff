#pragma once
// Routes a decoded request to its operation after the one authorization check.
#include "broker/ops/ops.hpp"
#include "broker/server/handler.hpp"

namespace mb::broker::ops {

class Dispatcher : public server::Handler {
 public:
  explicit Dispatcher(Context context) : c_(context) {}
  void handle(const proto::Request& request, const platform::PeerCredentials& peer,
              std::shared_ptr<server::Responder> out) override;
  bool privileged(const platform::PeerCredentials& peer) const override;

 private:
  Context c_;
};

}  // namespace mb::broker::ops
