#include <iostream>

#include "mountctl/commands/command.hpp"

namespace mb::ctl::commands {

Command add_unmount(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "unmount", "unmount a share (desired state: unmounted; sweeps leave it alone)");
  auto req = std::make_shared<proto::UnmountRequest>();
  app->add_option("name", req->name, "the mount's name in the config")->required();
  app->add_flag("--force,-f", req->force, "force (and lazily detach) even if busy or dead");
  return {app, [req](const Globals& g) {
            int code = 0;
            auto reply = send(g, *req, code, progress_printer(g), std::chrono::seconds(300));
            if (!reply) return code;
            if (g.json) {
              std::cout << reply->raw << "\n";
              return code;
            }
            const auto& m = std::get<proto::MountResponse>(reply->response.body).mount;
            std::cout << m.name << ": " << m.state << "\n";
            return code;
          }};
}

}  // namespace mb::ctl::commands
