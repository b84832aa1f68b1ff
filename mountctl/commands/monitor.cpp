// monitor: follow the broker's state changes until interrupted. The broker stays while we
// watch; when it ends anyway (stopped, killed, restarted), we reconnect through the socket,
// which starts the next instance, and say so on stderr.
#include <ctime>
#include <iostream>
#include <thread>

#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"
#include "mountctl/render/monitor_line.hpp"

namespace mb::ctl::commands {
namespace {

void notice(const std::string& what) {
  std::cerr << render::time_of_day(std::time(nullptr)) << " " << what << "\n" << std::flush;
}

// Prints one event (NDJSON with --json) and remembers the broker that sent the hello.
EventSink printer(const Globals& g, std::int64_t& broker_pid) {
  return [&g, &broker_pid](const proto::Event& e) {
    if (e.kind == "hello") broker_pid = e.pid;
    if (g.json)
      std::cout << proto::encode(e);
    else
      std::cout << render::time_of_day(e.time) << " " << render::monitor_line(e) << "\n";
    std::cout << std::flush;
  };
}

int follow(const Globals& g) {
  ClientOptions o;
  o.socket = g.socket;
  o.connect_timeout = std::chrono::milliseconds(static_cast<long>(g.connect_timeout_sec * 1000));
  // A monitor waits for events as long as it runs; past this it simply reconnects.
  o.reply_timeout = std::chrono::hours(24);
  for (;;) {
    std::int64_t pid = 0;
    auto result = call(o, proto::Request{1, proto::MonitorRequest{}}, printer(g, pid));
    std::string who = pid ? "the broker (pid " + std::to_string(pid) + ")" : "the broker";
    if (auto* err = std::get_if<ClientError>(&result)) {
      if (pid == 0 && err->kind != ClientError::timeout) {
        std::cerr << "mountctl: " << err->message << "\n";
        return err->kind == ClientError::unreachable ? kUnreachable : kProtocol;
      }
      notice("lost " + who + ": " + err->message + "; reconnecting");
    } else {
      auto& reply = std::get<Reply>(result);
      if (auto* e = std::get_if<proto::ErrorBody>(&reply.response.body)) {
        if (g.json) std::cout << reply.raw << "\n";
        std::cerr << "mountctl: " << proto::to_string(e->code) << ": " << e->message << "\n";
        return exit_code_for(e->code);
      }
      const auto* end = std::get_if<proto::MonitorResponse>(&reply.response.body);
      notice(who + " ended the monitor (" + (end ? end->reason : "?") + "); reconnecting");
    }
    // An exiting instance may still accept a connection and end it at once: do not spin.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

Command add_monitor(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "monitor",
      "print every state change (phase, desired, error, recovery, sweeps) until interrupted; "
      "reconnects when the broker restarts");
  return {app, follow};
}

}  // namespace mb::ctl::commands
