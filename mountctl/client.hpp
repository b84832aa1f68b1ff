#pragma once
// Talks to the broker: one request, one response. A broker that is starting or exiting may
// refuse or reset a connection for a moment; the client retries within a bounded time, so a
// command sent while one instance exits is answered by the next. A path where no socket file
// exists fails at once, with a hint how to start the broker: nothing would ever answer there.
#include <chrono>
#include <functional>
#include <string>
#include <variant>

#include "proto/codec.hpp"

namespace mb::ctl {

// What the client is waiting for when it calls ClientOptions::on_wait.
enum class Waiting { connect, reply };

struct ClientOptions {
  std::string socket;
  std::chrono::milliseconds connect_timeout{10000};  // total time spent retrying
  std::chrono::milliseconds reply_timeout{60000};
  // Called a few times a second while no broker accepts yet, and while a reply is awaited,
  // with the time since the call began: for a progress line.
  std::function<void(Waiting, std::chrono::milliseconds)> on_wait;
};

struct Reply {
  proto::Response response;
  std::string raw;  // the response line as received, for --json
};

struct ClientError {
  enum Kind { unreachable, timeout, protocol } kind;
  std::string message;
};

// Events streamed before the final response go to `on_event` (may be empty).
using EventSink = std::function<void(const proto::Event&)>;

std::variant<Reply, ClientError> call(const ClientOptions& options, const proto::Request& request,
                                      const EventSink& on_event = {});

// --socket, else $MOUNT_BROKER_SOCKET, else the built-in default.
std::string default_socket_path();

}  // namespace mb::ctl
