#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/render/status_view.hpp"

namespace mb::ctl::commands {

Command add_status(CLI::App& parent) {
  auto* app = parent.add_subcommand("status", "show every mount: state, intent, source, errors");
  return {
      app, [](const Globals& g) {
        int code = 0;
        auto reply = send(g, proto::StatusRequest{}, code);
        if (!reply) return code;
        if (g.json)
          std::cout << reply->raw << "\n";
        else
          std::cout << render::status_table(std::get<proto::StatusResponse>(reply->response.body));
        return code;
      }};
}

}  // namespace mb::ctl::commands
