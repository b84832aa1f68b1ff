#pragma once
// mountctl's command line as CLI11 sees it: the global options, the commands and the footer.
// main.cpp parses with it; a unit test renders its help against the golden copy that
// fixed_output.hpp prints without building it.
#include <CLI/CLI.hpp>
#include <vector>

#include "mountctl/commands/command.hpp"

namespace mb::ctl {

inline constexpr const char* kDescription =
    "mountctl: control mount-broker, the on-demand mount broker";

// Declares everything on `app` (constructed with kDescription); the options write into `g`.
std::vector<commands::Command> define_cli(CLI::App& app, commands::Globals& g);

}  // namespace mb::ctl
