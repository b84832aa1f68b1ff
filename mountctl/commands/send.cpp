#include <unistd.h>

#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"
#include "mountctl/progress.hpp"

namespace mb::ctl::commands {
namespace {

// What a long operation is doing, until the first state event says more: "mounting photos".
std::string doing_of(const proto::RequestBody& body) {
  const proto::Op op = proto::op_of(body);
  std::string out = op == proto::Op::mount     ? "mounting"
                    : op == proto::Op::unmount ? "unmounting"
                    : op == proto::Op::reload  ? "reloading the config"
                                               : std::string(proto::to_string(op));
  std::visit(
      [&out](const auto& r) {
        if constexpr (requires { r.name; })
          if (!r.name.empty()) out += " " + r.name;
      },
      body);
  return out;
}

proto::ErrorCode code_of(const ClientError& e) {
  switch (e.kind) {
    case ClientError::unreachable:
      return proto::ErrorCode::unreachable;
    case ClientError::timeout:
      return proto::ErrorCode::timeout;
    case ClientError::protocol:
      return proto::ErrorCode::bad_response;
  }
  return proto::ErrorCode::bad_response;
}

}  // namespace

std::optional<Reply> send(const Globals& g, proto::RequestBody body, int& exit_code, Show show,
                          std::chrono::milliseconds reply_timeout) {
  Progress progress(!g.json && isatty(STDERR_FILENO), show == Show::progress, g.socket,
                    doing_of(body));
  ClientOptions o;
  o.reply_timeout = reply_timeout;
  o.socket = g.socket;
  o.connect_timeout = std::chrono::milliseconds(static_cast<long>(g.connect_timeout_sec * 1000));
  o.on_wait = [&progress](Waiting w, std::chrono::milliseconds t) { progress.tick(w, t); };
  auto result = call(o, proto::Request{1, std::move(body)},
                     [&progress](const proto::Event& e) { progress.event(e); });
  progress.done();  // before any message: the waiting line goes
  if (auto* err = std::get_if<ClientError>(&result)) {
    std::cerr << "mountctl: " << err->message << "\n";
    // A script reading --json gets an answer on stdout in the envelope of a reply.
    if (g.json)
      std::cout << proto::encode(proto::Response{0, proto::ErrorBody{code_of(*err), err->message}});
    exit_code = exit_code_for(code_of(*err));
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

}  // namespace mb::ctl::commands
