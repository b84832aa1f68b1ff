#include <iostream>

#include "mountctl/commands/command.hpp"
#include "util/build_config.hpp"

namespace mb::ctl::commands {

Command add_version(CLI::App& parent) {
  auto* app = parent.add_subcommand("version", "versions of mountctl and of the broker");
  return {app, [](const Globals& g) {
            int code = 0;
            if (!g.json) std::cout << "mountctl " << util::kVersion << "\n";
            auto reply = send(g, proto::VersionRequest{}, code);
            if (!reply) return code;
            if (g.json) {
              std::cout << reply->raw << "\n";
              return code;
            }
            const auto& v = std::get<proto::VersionResponse>(reply->response.body);
            std::cout << "mount-broker " << v.version << " (protocol " << v.protocol << ", pid "
                      << v.pid << ", " << v.activation << ")\n";
            return code;
          }};
}

}  // namespace mb::ctl::commands
