#pragma once
// Answers every request with one error. Used when the broker cannot start (its state
// directory is unusable, another instance holds the lock): the clients the service manager
// queued for it learn why at once instead of waiting for their deadline.
#include <string>

#include "broker/server/handler.hpp"

namespace mb::broker::server {

class RefusingHandler : public Handler {
 public:
  explicit RefusingHandler(std::string why) : why_(std::move(why)) {}
  void handle(const proto::Request& request, const platform::PeerCredentials&,
              std::shared_ptr<Responder> out) override {
    out->finish({request.id, proto::ErrorBody{proto::ErrorCode::failed,
                                              "mount-broker cannot start: " + why_}});
  }

 private:
  std::string why_;
};

}  // namespace mb::broker::server
