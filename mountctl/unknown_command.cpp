#include "mountctl/unknown_command.hpp"

#include <algorithm>
#include <string_view>

#include "core/config/spelling.hpp"

namespace mb::ctl {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::optional<std::string> unknown_command(const std::vector<std::string>& args,
                                           const CommandLine& cli) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") return std::nullopt;
    if (a.starts_with("-")) {
      // "--socket PATH": PATH is the option's, not a command.
      if (contains(cli.options_with_value, a)) ++i;
      continue;
    }
    if (contains(cli.commands, a)) return std::nullopt;
    std::vector<std::string_view> names(cli.commands.begin(), cli.commands.end());
    auto near = core::config::closest(a, names);
    return "unknown command \"" + a + "\"" +
           (near ? " (did you mean " + std::string(*near) + "?)" : std::string()) +
           "; mountctl --help lists the commands";
  }
  return std::nullopt;
}

}  // namespace mb::ctl
