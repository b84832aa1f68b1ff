#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/render/status_view.hpp"

namespace mb::ctl::commands {

Command add_list(CLI::App& parent) {
  auto* app = parent.add_subcommand("list", "names of the managed mounts, one per line");
  auto filter = std::make_shared<std::string>();
  app->add_option("which", *filter, "\"mounted\": only mounts that are mounted")
      ->check(CLI::IsMember({"mounted"}));
  return {app, [filter](const Globals& g) {
            int code = 0;
            auto reply = send(g, proto::StatusRequest{}, code);
            if (!reply) return code;
            const auto& s = std::get<proto::StatusResponse>(reply->response.body);
            std::cout << render::name_list(s, *filter == "mounted");
            return code;
          }};
}

}  // namespace mb::ctl::commands
