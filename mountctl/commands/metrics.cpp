#include <iostream>

#include "mountctl/commands/command.hpp"

namespace mb::ctl::commands {

Command add_metrics(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "metrics",
      "print the metrics in the Prometheus text format (what [broker] metrics_file holds)");
  return {app, [](const Globals& g) {
            int code = 0;
            auto reply = send(g, proto::MetricsRequest{}, code);
            if (!reply) return code;
            if (g.json)
              std::cout << reply->raw << "\n";
            else
              std::cout << std::get<proto::MetricsResponse>(reply->response.body).text;
            return code;
          }};
}

}  // namespace mb::ctl::commands
