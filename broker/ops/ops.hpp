#pragma once
// One function per operation; each file in this folder implements one. The dispatcher has
// already authorized the caller.
#include "broker/service/broker.hpp"
#include "proto/messages.hpp"

namespace mb::broker::ops {

proto::ResponseBody status(service::Broker& broker);
proto::ResponseBody version(service::Broker& broker);
proto::ResponseBody reload(service::Broker& broker);

}  // namespace mb::broker::ops
