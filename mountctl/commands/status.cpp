// status: every mount as a table, or one mount in detail (`status NAME`). Like systemctl
// status, it exits 1 when a mount that is wanted is not mounted and healthy.
#include <unistd.h>

#include <ctime>
#include <iostream>

#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"
#include "mountctl/health.hpp"
#include "mountctl/journal.hpp"
#include "mountctl/render/status_detail.hpp"
#include "mountctl/render/status_view.hpp"
#include "mountctl/render/terminal.hpp"

namespace mb::ctl::commands {
namespace {

// Log lines `status NAME` shows (the broker sends as many from its log file).
constexpr std::size_t kLogLines = 10;

render::LogLines log_of(const proto::StatusResponse& s, const std::string& name) {
  if (s.log_file.empty()) return journal_log(name, kLogLines);
  render::LogLines log{s.log_file, s.log, ""};
  if (log.lines.empty()) log.note = "none about " + name + " in " + s.log_file;
  return log;
}

}  // namespace

Command add_status(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "status",
      "show every mount (state, intent, source, retry, errors), or one mount in detail; exit 1 "
      "if a wanted mount is not mounted and healthy");
  auto req = std::make_shared<proto::StatusRequest>();
  app->add_option("name", req->name, "one mount in detail, with its recent log lines");
  return {app, [req](const Globals& g) {
            int code = 0;
            auto reply = send(g, *req, code);
            if (!reply) return code;
            const auto& s = std::get<proto::StatusResponse>(reply->response.body);
            const std::int64_t now = std::time(nullptr);
            if (g.json)
              std::cout << reply->raw << "\n";
            else if (req->name.empty())
              std::cout << render::status_table(s, now, render::terminal_columns(STDOUT_FILENO));
            else
              for (const auto& m : s.mounts)
                std::cout << render::status_detail(m, log_of(s, m.name), now);
            return any_wanted_and_unhealthy(s.mounts) ? int(kFailed) : code;
          }};
}

}  // namespace mb::ctl::commands
