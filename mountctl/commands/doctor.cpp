#include <algorithm>
#include <iostream>
#include <memory>

#include "mountctl/commands/command.hpp"
#include "mountctl/doctor/checkup.hpp"
#include "mountctl/doctor/report_json.hpp"
#include "mountctl/doctor/report_text.hpp"
#include "util/build_config.hpp"

namespace mb::ctl::commands {
namespace {

// Enough for a broker the service manager starts on the first connect; a refused connect is
// retried this long (less than the global --connect-timeout, if that is shorter).
constexpr std::chrono::milliseconds kConnectTimeout{2000};

}  // namespace

Command add_doctor(CLI::App& parent) {
  auto* app = parent.add_subcommand(
      "doctor",
      "check the installation (socket, config, state, mount points, credentials, helpers, other "
      "automounters, service manager) and print the fix for each problem; exit 9: warnings or "
      "checks that could not run, no problems");
  auto config = std::make_shared<std::string>(util::kDefaultConfig);
  app->add_option("--config", *config, "the config file to check")
      ->default_str(util::kDefaultConfig);
  return {app, [app, config](const Globals& g) {
            doctor::Options o;
            o.config_path = *config;
            o.config_given = app->get_option("--config")->count() > 0;
            o.socket = g.socket;
            o.socket_given = g.socket != util::kDefaultSocket;
            o.connect_timeout = std::min(
                kConnectTimeout,
                std::chrono::milliseconds(static_cast<long>(g.connect_timeout_sec * 1000)));
            const doctor::Findings findings = doctor::checkup(o);
            std::cout << (g.json ? doctor::report_json(findings) : doctor::report_text(findings));
            return doctor::exit_status(findings);
          }};
}

}  // namespace mb::ctl::commands
