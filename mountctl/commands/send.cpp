#include <unistd.h>

#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"

namespace mb::ctl::commands {

std::optional<Reply> send(const Globals& g, proto::RequestBody body, int& exit_code,
                          const EventSink& on_event, std::chrono::milliseconds reply_timeout) {
  ClientOptions o;
  o.reply_timeout = reply_timeout;
  o.socket = g.socket;
  o.connect_timeout = std::chrono::milliseconds(static_cast<long>(g.connect_timeout_sec * 1000));
  auto result = call(o, proto::Request{1, std::move(body)}, on_event);
  if (auto* err = std::get_if<ClientError>(&result)) {
    std::cerr << "mountctl: " << err->message << "\n";
    exit_code = err->kind == ClientError::unreachable ? kUnreachable
                : err->kind == ClientError::timeout   ? kTimeout
                                                      : kProtocol;
    return std::nullopt;
  }
  auto& reply = std::get<Reply>(result);
  if (auto* e = std::get_if<proto::ErrorBody>(&reply.response.body)) {
    if (g.json) std::cout << reply.raw << "\n";
    std::cerr << "mountctl: " << proto::to_string(e->code) << ": " << e->message << "\n";
    exit_code = exit_code_for(e->code);
    return std::nullopt;
  }
  exit_code = kOk;
  return std::move(reply);
}

EventSink progress_printer(const Globals& g) {
  if (g.json || !isatty(STDERR_FILENO)) return {};
  return [](const proto::Event& e) {
    std::cerr << e.mount.name << ": " << e.mount.state;
    if (!e.mount.last_error.empty()) std::cerr << " (" << e.mount.last_error << ")";
    std::cerr << "\n";
  };
}

}  // namespace mb::ctl::commands
