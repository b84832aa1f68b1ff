#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"

namespace mb::ctl::commands {

Command add_probe(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "probe", "check a mounted share now (root / admin_group: a dead share is recovered)");
  auto req = std::make_shared<proto::ProbeRequest>();
  app->add_option("name", req->name, "the mount's name in the config")->required();
  return {app, [req](const Globals& g) {
            int code = 0;
            auto reply = send(g, *req, code, Show::quiet, std::chrono::seconds(300));
            if (!reply) return code;
            const auto& p = std::get<proto::ProbeResponse>(reply->response.body);
            if (g.json)
              std::cout << reply->raw << "\n";
            else {
              std::cout << req->name << ": " << p.outcome;
              if (!p.detail.empty()) std::cout << " (" << p.detail << ")";
              std::cout << ", " << p.latency_ms << " ms";
              if (p.recovering) std::cout << "; recovery started";
              std::cout << "\n";
            }
            return p.outcome == "healthy" ? int(kOk) : int(kFailed);
          }};
}

}  // namespace mb::ctl::commands
