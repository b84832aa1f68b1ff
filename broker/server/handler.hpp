#pragma once
// What the server asks of the rest of the broker: one response per request.
#include "broker/platform/peer_credentials.hpp"
#include "proto/messages.hpp"

namespace mb::broker::server {

class Handler {
 public:
  virtual ~Handler() = default;
  virtual proto::Response handle(const proto::Request& request,
                                 const platform::PeerCredentials& peer) = 0;
};

}  // namespace mb::broker::server
