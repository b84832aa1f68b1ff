#pragma once
// Routes a decoded request to its operation after the one authorization check.
#include "broker/server/handler.hpp"
#include "broker/service/broker.hpp"

namespace mb::broker::ops {

class Dispatcher : public server::Handler {
 public:
  explicit Dispatcher(service::Broker& broker) : broker_(broker) {}
  proto::Response handle(const proto::Request& request,
                         const platform::PeerCredentials& peer) override;

 private:
  service::Broker& broker_;
};

}  // namespace mb::broker::ops
