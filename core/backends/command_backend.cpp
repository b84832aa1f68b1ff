#include "core/backends/command_backend.hpp"

#include <algorithm>
#include <array>

namespace mb::core::backends {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string known_names(const std::vector<Placeholder>& values) {
  std::string out;
  for (const Placeholder& p : values) {
    out += (out.empty() ? "{" : ", {") + std::string(p.name) + "}";
  }
  return out;
}

std::string_view basename(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool uses_owner_placeholder(const std::vector<std::string>& argv) {
  return std::any_of(argv.begin(), argv.end(), [](const std::string& a) {
    return a.find("{uid}") != std::string::npos || a.find("{gid}") != std::string::npos;
  });
}

}  // namespace

util::Result<std::vector<std::string>> expand_placeholders(
    const std::vector<std::string>& argv_template, const std::vector<Placeholder>& values) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < argv_template.size(); ++i) {
    const std::string& element = argv_template[i];
    const std::string where = "command[" + std::to_string(i) + "]: ";
    std::string expanded;
    std::size_t pos = 0;
    while (pos < element.size()) {
      std::size_t end = pos + 1;
      if (element[pos] == '{') {
        while (end < element.size() && is_name_char(element[end])) ++end;
      }
      const bool placeholder =
          element[pos] == '{' && end > pos + 1 && end < element.size() && element[end] == '}';
      if (!placeholder) {
        expanded += element[pos++];
        continue;
      }
      const std::string_view name = std::string_view(element).substr(pos + 1, end - pos - 1);
      const auto it = std::find_if(values.begin(), values.end(),
                                   [&](const Placeholder& p) { return p.name == name; });
      if (it == values.end()) {
        return util::error(where + "unknown placeholder {" + std::string(name) +
                           "}; known: " + known_names(values));
      }
      if (it->value.empty()) {
        return util::error(where + "{" + std::string(name) + "} is used but the mount has no " +
                           std::string(name));
      }
      expanded += it->value;
      pos = end + 1;
    }
    out.push_back(std::move(expanded));
  }
  return out;
}

bool stays_in_foreground(const std::vector<std::string>& argv_template) {
  if (argv_template.empty()) return false;
  const auto has = [&](std::string_view arg) {
    return std::find(argv_template.begin() + 1, argv_template.end(), arg) != argv_template.end();
  };
  if (has("-f") || has("-d") || has("--foreground")) return true;
  if (basename(argv_template.front()) != "rclone") return false;
  static constexpr std::array<std::string_view, 4> kMountCommands{"mount", "cmount", "mount2",
                                                                  "nfsmount"};
  const bool mounts = std::any_of(kMountCommands.begin(), kMountCommands.end(), has);
  // --daemon: rclone forks into the background itself and the first process exits.
  return mounts && !has("--daemon") && !has("--daemon=true");
}

util::Result<Invocation> command_invocation(const config::MountConfig& m,
                                            const std::string& mountpoint,
                                            const std::optional<std::string>& password) {
  if (m.command.empty() || m.command.front().empty()) {
    return util::error("command mounts need command = [\"program\", ..., \"{mountpoint}\"]");
  }
  // {uid} and {gid}: local_user's ids, for a FUSE helper's -o uid=,gid= (see docs/CONFIG.md).
  // Without local_user they would be root's, which nobody writes on purpose: refused.
  const bool owned = !m.local_user.empty() && m.local_uid >= 0 && m.local_gid >= 0;
  if (!owned && uses_owner_placeholder(m.command))
    return util::error("{uid} and {gid} need local_user = \"NAME\" in the mount");
  auto argv =
      expand_placeholders(m.command, {{"mountpoint", mountpoint},
                                      {"server", m.server},
                                      {"share", m.share},
                                      {"username", m.username},
                                      {"uid", owned ? std::to_string(m.local_uid) : std::string()},
                                      {"gid", owned ? std::to_string(m.local_gid) : std::string()},
                                      // Filled in by through_tunnel(); only a tunnel has one.
                                      {"port", ""}});
  if (!argv) return util::error(argv.error());

  Invocation inv;
  inv.argv = std::move(*argv);
  // A line, because that is what helpers read (sshfs -o password_stdin, read -r).
  if (password) inv.stdin_data = *password + "\n";
  inv.new_session = true;
  inv.detach = stays_in_foreground(m.command);
  return inv;
}

}  // namespace mb::core::backends
