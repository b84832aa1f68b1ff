#pragma once
// `mountctl stauts`: CLI11 would say "The following arguments were not expected"; a person
// wants to hear that the command is unknown and which one was meant.
#include <optional>
#include <string>
#include <vector>

namespace mb::ctl {

struct CommandLine {
  std::vector<std::string> commands;            // names and aliases
  std::vector<std::string> options_with_value;  // global options that take the next argument
};

// The message for the first word that is not an option and names no command, or nullopt when
// the command is known (or absent: CLI11 then says a command is required).
std::optional<std::string> unknown_command(const std::vector<std::string>& args,
                                           const CommandLine& cli);

}  // namespace mb::ctl
