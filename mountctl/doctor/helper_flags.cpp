#include "mountctl/doctor/helper_flags.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "mountctl/doctor/shell_quote.hpp"

namespace mb::ctl::doctor {
namespace {

using core::config::MountConfig;
constexpr const char* kHelperFlagsCheck = "helper-flags";
constexpr double kLongDirCacheSec = 10;  // rclone's default is 300
constexpr int kRcloneRetrySec = 12;      // 10 low-level retries of a refused connect, measured

enum class Helper { other, rclone, sshfs, bindfs };

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Helper helper_of(const std::vector<std::string>& argv) {
  if (argv.empty()) return Helper::other;
  const std::string& p = argv.front();
  const std::string base = p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1);
  if (base == "sshfs") return Helper::sshfs;
  if (base == "bindfs") return Helper::bindfs;
  if (base != "rclone") return Helper::other;
  for (std::string_view sub : {"mount", "cmount", "mount2"})
    if (std::find(argv.begin() + 1, argv.end(), sub) != argv.end()) return Helper::rclone;
  return Helper::other;  // rclone nfsmount, serve, ...: not a FUSE mount
}

// The value of an rclone flag: "--flag VALUE" or "--flag=VALUE"; "" when given without one.
std::optional<std::string> flag_value(const std::vector<std::string>& argv, std::string_view flag) {
  for (std::size_t i = 1; i < argv.size(); ++i) {
    std::string_view a = argv[i];
    if (a == flag) return i + 1 < argv.size() ? argv[i + 1] : std::string();
    if (a.size() > flag.size() && a.starts_with(flag) && a[flag.size()] == '=')
      return std::string(a.substr(flag.size() + 1));
  }
  return std::nullopt;
}

bool rclone_allows_other(const std::vector<std::string>& argv) {
  for (std::size_t i = 1; i < argv.size(); ++i)
    if (argv[i] == "--allow-other" || argv[i] == "--allow-other=true") return true;
  return false;
}

// Mounted under /root: root's own share, not meant for other users.
bool meant_for_root(const MountConfig& m) {
  return m.mountpoint == "/root" || m.mountpoint.starts_with("/root/");
}

Finding warn(const MountConfig& m, const std::string& config_path, std::string message,
             const std::string& change, Status status = Status::warn) {
  return {kHelperFlagsCheck, m.name, status, std::move(message),
          "${EDITOR:-vi} " + shell_quote(config_path) + "  # mount \"" + m.name + "\": " + change};
}

void check_allow_other(const MountConfig& m, Helper h, const std::string& path, Findings& out) {
  const bool allowed = h == Helper::rclone ? rclone_allows_other(m.command)
                                           : has_fuse_option(m.command, "allow_other");
  if (allowed || meant_for_root(m)) return;
  const char* name = h == Helper::rclone ? "rclone" : h == Helper::sshfs ? "sshfs" : "bindfs";
  const char* add = h == Helper::rclone ? "add \"--allow-other\" to command"
                                        : "add \"-o\", \"allow_other\" to command";
  out.push_back(warn(m, path,
                     std::string(name) +
                         " is run without allow_other: only root can read the share; every "
                         "other user gets \"Permission denied\", while the probe (as root) "
                         "finds it healthy",
                     add));
}

void check_rclone(const MountConfig& m, const std::string& path, Findings& out) {
  auto cache = flag_value(m.command, "--dir-cache-time");
  const std::optional<double> seconds = cache ? rclone_seconds(*cache) : 300.0;
  if (m.settings.probe_path.empty() && (!seconds || *seconds > kLongDirCacheSec))
    out.push_back(warn(m, path,
                       "rclone answers stat and listings from its directory cache for " +
                           (cache ? *cache : std::string("5m (the default)")) +
                           " (--dir-cache-time); without probe_path a probe reaches the server "
                           "only if it finds a non-empty file near the share's root",
                       "probe_path = \".probe\"  (a small file on the server)"));
  auto retries = flag_value(m.command, "--low-level-retries");
  const int n = retries ? std::atoi(retries->c_str()) : 10;
  if (n > 2 && m.settings.probe_timeout_sec < kRcloneRetrySec)
    out.push_back(warn(m, path,
                       "rclone retries a refused connection " + std::to_string(n) +
                           " times before it answers EIO, longer than probe_timeout_sec (" +
                           std::to_string(m.settings.probe_timeout_sec) +
                           " s): a dead server is recovered only after probe_failure_threshold "
                           "probes instead of at once",
                       "add \"--low-level-retries\", \"1\" to command", Status::note));
}

void check_sshfs(const MountConfig& m, const std::string& path, Findings& out) {
  if (!has_fuse_option(m.command, "ServerAliveInterval"))
    out.push_back(warn(m, path,
                       "sshfs without ServerAliveInterval: a half-open link hangs every call "
                       "until TCP gives up (minutes) instead of failing within a minute",
                       "add \"-o\", \"ServerAliveInterval=15,ServerAliveCountMax=3\" to command",
                       Status::note));
}

}  // namespace

std::optional<double> rclone_seconds(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
      ++i;
    if (i == start) return std::nullopt;
    const double value = std::strtod(std::string(text.substr(start, i - start)).c_str(), nullptr);
    std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    static constexpr std::pair<std::string_view, double> kUnits[] = {
        {"", 1},          {"ns", 1e-9},      {"us", 1e-6},      {"ms", 1e-3},
        {"s", 1},         {"m", 60},         {"h", 3600},       {"d", 86400},
        {"w", 7 * 86400}, {"M", 30 * 86400}, {"y", 365 * 86400}};
    auto it = std::find_if(std::begin(kUnits), std::end(kUnits),
                           [&](const auto& u) { return u.first == unit; });
    if (it == std::end(kUnits)) return std::nullopt;
    if (unit.empty() && i != text.size()) return std::nullopt;
    total += value * it->second;
  }
  return total;
}

bool has_fuse_option(const std::vector<std::string>& argv, std::string_view name) {
  const std::string want = lower(name);
  for (std::size_t i = 1; i < argv.size(); ++i) {
    std::string list;
    if (argv[i] == "-o" && i + 1 < argv.size())
      list = lower(argv[i + 1]);
    else if (argv[i].size() > 2 && argv[i].starts_with("-o"))
      list = lower(argv[i].substr(2));
    else
      continue;
    std::string_view rest = list;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      if (item == want ||
          (item.starts_with(want) && item.size() > want.size() && item[want.size()] == '='))
        return true;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return false;
}

Findings check_helper_flags(const core::config::Config& config) {
  Findings out;
  for (const MountConfig& m : config.mounts) {
    if (m.type != core::config::MountType::command) continue;
    const Helper h = helper_of(m.command);
    if (h == Helper::other) continue;
    const std::size_t before = out.size();
    check_allow_other(m, h, config.path, out);
    if (h == Helper::rclone) check_rclone(m, config.path, out);
    if (h == Helper::sshfs) check_sshfs(m, config.path, out);
    if (out.size() == before)
      out.push_back({kHelperFlagsCheck, m.name, Status::ok,
                     "the helper's flags let other users read the share and the probe reach "
                     "the server",
                     ""});
  }
  return out;
}

}  // namespace mb::ctl::doctor
