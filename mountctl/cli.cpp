#include "mountctl/cli.hpp"

#include <string>

#include "mountctl/client.hpp"
#include "mountctl/exit_codes.hpp"
#include "util/build_config.hpp"

namespace mb::ctl {

std::vector<commands::Command> define_cli(CLI::App& app, commands::Globals& g) {
  // Subcommands inherit this: a global option may follow the command (`status --json`).
  app.fallthrough();
  app.set_version_flag("--version", std::string("mountctl ") + mb::util::kVersion,
                       "print mountctl's version and exit (`mountctl version` asks the broker)");
  app.require_subcommand(1);
  g.socket = default_socket_path();
  app.add_option("--socket", g.socket, "the broker's control socket");
  app.add_flag("--json", g.json, "print the broker's JSON response (one line) for scripts");
  app.add_option("--connect-timeout", g.connect_timeout_sec,
                 "seconds to keep retrying while no broker accepts")
      ->check(CLI::Range(0.0, 3600.0));

  std::vector<commands::Command> all{
      commands::add_status(app),  commands::add_list(app),   commands::add_mlist(app),
      commands::add_version(app), commands::add_reload(app), commands::add_mount(app),
      commands::add_unmount(app), commands::add_probe(app),  commands::add_sweep(app),
      commands::add_setup(app),   commands::add_doctor(app), commands::add_monitor(app),
      commands::add_metrics(app)};
  // Set after the subcommands exist, which copy the footer: their --help stays short.
  app.footer(std::string("\nEnvironment:\n  MOUNT_BROKER_SOCKET  socket path when --socket is not "
                         "given (default ") +
             mb::util::kDefaultSocket + ")\n\n" + exit_code_help());
  return all;
}

}  // namespace mb::ctl
