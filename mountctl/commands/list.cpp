// list and mlist: the FreeBSD automounter's two plain listings of the managed mounts, both
// drawn from one `status` request.
#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/render/status_view.hpp"

namespace mb::ctl::commands {
namespace {

using Render = std::string (*)(const proto::StatusResponse&, bool mounted_only);

Command add_listing(CLI::App& parent, const char* name, const char* help, Render render) {
  auto* app = parent.add_subcommand(name, help);
  auto filter = std::make_shared<std::string>();
  app->add_option("which", *filter, "\"mounted\": only mounts that are mounted")
      ->check(CLI::IsMember({"mounted"}));
  return {app, [filter, render](const Globals& g) {
            int code = 0;
            auto reply = send(g, proto::StatusRequest{}, code);
            if (!reply) return code;
            auto& s = std::get<proto::StatusResponse>(reply->response.body);
            const bool mounted_only = *filter == "mounted";
            if (!g.json) {
              std::cout << render(s, mounted_only);
              return code;
            }
            // The filter applies to --json too: the reply as the broker sent it, less the
            // mounts it leaves out.
            if (mounted_only)
              std::erase_if(s.mounts, [](const auto& m) { return !render::is_mounted(m); });
            std::cout << (mounted_only ? proto::encode(reply->response) : reply->raw + "\n");
            return code;
          }};
}

}  // namespace

Command add_list(CLI::App& parent) {
  return add_listing(parent, "list", "names of the managed mounts, one per line",
                     render::name_list);
}

Command add_mlist(CLI::App& parent) {
  return add_listing(parent, "mlist",
                     "machine-readable: absolute mount point paths, newline separated",
                     render::path_list);
}

}  // namespace mb::ctl::commands
