#pragma once
// What the server asks of the rest of the broker. A request is answered through its Responder,
// now or later (after a child process finished); long operations stream events first.
#include <functional>
#include <memory>

#include "platform/peer_credentials.hpp"
#include "proto/messages.hpp"

namespace mb::broker::server {

class Responder {
 public:
  virtual ~Responder() = default;
  // A progress line before the final response. Ignored after finish() or once the client left.
  virtual void event(const proto::Event& e) = 0;
  // The final response; only the first call counts.
  virtual void finish(proto::Response r) = 0;
  // The answer is an open-ended stream (monitor): watch for the client leaving instead of
  // reading its next request, and run `on_hangup` once when it has left. The connection ends
  // after finish().
  virtual void follow(std::function<void()> on_hangup) = 0;
};

class Handler {
 public:
  virtual ~Handler() = default;
  virtual void handle(const proto::Request& request, const platform::PeerCredentials& peer,
                      std::shared_ptr<Responder> responder) = 0;
  // Whether `peer` may change things (root, admin_group): such clients are never refused for
  // the connection limits.
  virtual bool privileged(const platform::PeerCredentials& peer) const { return peer.uid == 0; }
};

}  // namespace mb::broker::server
