#include "mountctl/doctor/helper_check.hpp"

#include <cstdlib>
#include <map>

#include "core/backends/invocation.hpp"
#include "mountctl/doctor/shell_quote.hpp"
#include "platform/resolve_mountpoint.hpp"
#include "platform/smb.hpp"

namespace mb::ctl::doctor {
namespace {

using core::config::MountConfig;
constexpr const char* kHelperCheck = "helper";

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
  return out;
}

// The program the broker runs for `m` first, as the backend builds it. The password only
// decides that credential mounts build at all; it is never used.
std::optional<std::string> backend_program(const MountConfig& m, std::string& error) {
  std::optional<std::string> placeholder;
  if (m.credential != core::config::Credential::none) placeholder = "unused";
  auto inv = core::backends::mount_invocation(m, platform::resolve_mountpoint(m.mountpoint),
                                              placeholder, platform::smb_tool());
  if (!inv) {
    error = inv.error();
    return std::nullopt;
  }
  if (inv->argv.empty()) {
    error = "mount \"" + m.name + "\": nothing to run";
    return std::nullopt;
  }
  return inv->argv.front();
}

}  // namespace

Finding judge_program(const std::string& program, const std::vector<std::string>& users,
                      const ProgramLookup& lookup, const std::string& elsewhere,
                      const std::string& install, const std::string& config_path) {
  const std::string used_by = " (used by " + join(users) + ")";
  if (lookup.found) return {kHelperCheck, program, Status::ok, *lookup.found + used_by, ""};
  const std::string edit = "${EDITOR:-vi} " + shell_quote(config_path);
  if (!elsewhere.empty()) {
    return {kHelperCheck, program, Status::problem,
            lookup.problem + used_by + "; it is at " + elsewhere,
            edit + "  # command = [\"" + elsewhere + "\", ...]"};
  }
  if (!install.empty())
    return {kHelperCheck, program, Status::problem, lookup.problem + used_by, install};
  return {kHelperCheck, program, Status::problem, lookup.problem + used_by,
          edit + "  # once " + program + " is installed, give its absolute path"};
}

Findings check_helpers(const core::config::Config& config, const HelperPlatform& platform) {
  Findings out;
  std::map<std::string, std::vector<std::string>> users;  // program -> mounts
  for (const MountConfig& m : config.mounts) {
    std::string error;
    if (auto program = backend_program(m, error))
      users[*program].push_back(m.name);
    else
      out.push_back({kHelperCheck, m.name, Status::problem, error,
                     "${EDITOR:-vi} " + shell_quote(config.path)});
    for (const std::string& helper : platform.filesystem_helpers(m.type))
      users[helper].push_back(m.name);
  }
  const std::string path = broker_path();
  const char* own = std::getenv("PATH");
  for (const auto& [program, names] : users) {
    ProgramLookup lookup = find_program(program, path);
    std::string elsewhere;
    if (!lookup.found && own && program.find('/') == std::string::npos)
      elsewhere = find_program(program, own).found.value_or("");
    out.push_back(judge_program(program, names, lookup, elsewhere,
                                platform.install_command(program), config.path));
  }
  return out;
}

}  // namespace mb::ctl::doctor
