// mountctl: the command line for mount-broker. Every operation on a mount goes through the
// broker's socket, so the broker stays the one writer of the state. Two commands are local:
// `setup` stores a password (which must never cross the socket) and `doctor` checks an
// installation even when no broker can start.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string_view>
#include <vector>

#include "mountctl/cli.hpp"
#include "mountctl/exit_codes.hpp"
#include "mountctl/fixed_output.hpp"
#include "mountctl/mount_helper/mount_helper.hpp"
#include "mountctl/unknown_command.hpp"

int main(int argc, char** argv) {
  using namespace mb::ctl;
  // Installed a second time as mount.mount-broker, where mount(8) looks for a type's helper.
  std::string_view self = argc > 0 ? argv[0] : "";
  if (self.substr(self.find_last_of('/') + 1) == "mount.mount-broker")
    return mount_helper::run(argc, argv);
  const char* const* args = argv;
  if (auto rc = fixed_output({args, std::size_t(argc)}, std::cout, std::cerr)) return *rc;
  CLI::App app{kDescription};
  commands::Globals g;
  std::vector<commands::Command> all = define_cli(app, g);

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
