// mountctl: the command line for mount-broker. Every operation on a mount goes through the
// broker's socket, so the broker stays the one writer of the state. Two commands are local:
// `setup` stores a password (which must never cross the socket) and `doctor` checks an
// installation even when no broker can start.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string_view>
#include <vector>

#include "mountctl/commands/command.hpp"
#include "mountctl/exit_codes.hpp"
#include "mountctl/mount_helper/mount_helper.hpp"
#include "mountctl/unknown_command.hpp"
#include "util/build_config.hpp"

int main(int argc, char** argv) {
  using namespace mb::ctl;
  // Installed a second time as mount.mount-broker, where mount(8) looks for a type's helper.
  std::string_view self = argc > 0 ? argv[0] : "";
  if (self.substr(self.find_last_of('/') + 1) == "mount.mount-broker")
    return mount_helper::run(argc, argv);
  CLI::App app{"mountctl: control mount-broker, the on-demand mount broker"};
  // Subcommands inherit this: a global option may follow the command (`status --json`).
  app.fallthrough();
  app.set_version_flag("--version", std::string("mountctl ") + mb::util::kVersion,
                       "print mountctl's version and exit (`mountctl version` asks the broker)");
  app.require_subcommand(1);
  commands::Globals g;
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

  CommandLine cli{{}, {"--socket", "--connect-timeout"}};
  for (const auto* sub : app.get_subcommands({})) {
    cli.commands.push_back(sub->get_name());
    for (const auto& alias : sub->get_aliases()) cli.commands.push_back(alias);
  }
  if (auto problem = unknown_command(std::vector<std::string>(argv + 1, argv + argc), cli)) {
    std::cerr << "mountctl: " << *problem << "\n";
    return kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kUsage;
  }
  for (const auto& c : all)
    if (c.app->parsed()) return c.run(g);
  return kUsage;
}
