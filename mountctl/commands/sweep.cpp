#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"
#include "mountctl/render/table.hpp"

namespace mb::ctl::commands {

Command add_sweep(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "sweep",
      "reconcile, mount what is wanted, probe what is due, recover, idle-unmount; "
      "exit 1 if anything is unhealthy (run by the periodic timer job)");
  auto req = std::make_shared<proto::SweepRequest>();
  app->add_flag("--now", req->now,
                "retry at once what waits for its retry slot after a transient failure, and "
                "probe every mounted share (network change, resume)");
  return {app, [req](const Globals& g) {
            int code = 0;
            // The broker bounds a sweep by probe_timeout + 2 x mount_timeout (at most ~2 h).
            auto reply = send(g, *req, code, Show::quiet, std::chrono::seconds(7300));
            if (!reply) return code;
            const auto& s = std::get<proto::SweepResponse>(reply->response.body);
            if (g.json)
              std::cout << reply->raw << "\n";
            else {
              std::vector<render::Row> rows;
              for (const auto& m : s.mounts)
                rows.push_back({m.name, m.state, m.action, m.healthy ? "yes" : "NO", m.detail});
              std::cout << render::table({"NAME", "STATE", "ACTION", "HEALTHY", "DETAIL"}, rows);
              std::cout << "sweep took " << s.duration_ms
                        << " ms: " << (s.healthy ? "all healthy" : "something is unhealthy")
                        << "\n";
            }
            return s.healthy ? int(kOk) : int(kFailed);
          }};
}

}  // namespace mb::ctl::commands
