#include <iostream>

#include "mountctl/commands/command.hpp"

namespace mb::ctl::commands {

Command add_mount(CLI::App& parent) {
  auto* app = parent.add_subcommand("mount", "mount a configured share (desired state: mounted)");
  auto req = std::make_shared<proto::MountRequest>();
  app->add_option("name", req->name, "the mount's name in the config")->required();
  app->add_flag("--wait", req->wait, "wait until mounted or failed, showing progress");
  app->add_option("--timeout", req->timeout_sec, "with --wait: stop waiting after SEC seconds")
      ->check(CLI::Range(1, 86400));
  return {app, [req](const Globals& g) {
            int code = 0;
            auto timeout = std::chrono::seconds(req->timeout_sec > 0 ? req->timeout_sec + 30 : 300);
            auto reply = send(g, *req, code, Show::progress, timeout);
            if (!reply) return code;
            if (g.json) {
              std::cout << reply->raw << "\n";
              return code;
            }
            const auto& m = std::get<proto::MountResponse>(reply->response.body).mount;
            std::cout << m.name << ": " << m.state << " at " << m.mountpoint << "\n";
            return code;
          }};
}

}  // namespace mb::ctl::commands
