#include "core/config/mountpoint_place.hpp"

#include <array>

#include "core/config/diagnostics.hpp"
#include "core/config/paths.hpp"

namespace mb::core::config {
namespace {

// Programs, libraries, configuration, the kernel's interfaces and root's home: a share inside
// one of them would add to or replace what the system runs (a user who controls the share's
// content would control that), and over one would hide it.
constexpr std::array<std::string_view, 18> kSystemTrees{
    "/bin",  "/boot", "/dev", "/etc", "/lib",    "/lib32",   "/lib64",       "/libx32", "/proc",
    "/root", "/sbin", "/sys", "/usr", "/System", "/Library", "/private/etc", "/cores",  "/var/db"};

// Directories that hold other things below them in normal use (/run/media/USER, /var/www,
// /tmp/x for a test): a share may go below them, never over them.
constexpr std::array<std::string_view, 13> kSystemRoots{
    "/",        "/run",       "/tmp",     "/var",         "/var/lib",     "/var/log", "/var/tmp",
    "/var/run", "/var/spool", "/private", "/private/var", "/private/tmp", "/Volumes"};

// The directory `path` is in ("/" for a file at the top).
std::string parent_of(const std::string& path) {
  const std::string normal = normal_path(path);
  const auto slash = normal.rfind('/');
  return slash == 0 ? "/" : normal.substr(0, slash);
}

}  // namespace

std::vector<ProtectedDir> protected_dirs(const BrokerSettings& broker,
                                         std::string_view config_path) {
  std::vector<ProtectedDir> out;
  // A share there would take the place of the state or the passwords, and could hand the
  // broker files that a user wrote on the server.
  if (!broker.state_dir.empty())
    out.push_back({normal_path(broker.state_dir),
                   "state_dir " + quoted(broker.state_dir) + " (the broker's state)", true});
  if (!broker.credentials_dir.empty())
    out.push_back({normal_path(broker.credentials_dir),
                   "credentials_dir " + quoted(broker.credentials_dir) + " (the password files)",
                   true});
  // Hidden, the socket would no longer reach the broker; the config would be read from the share.
  if (is_absolute_path(broker.socket))
    out.push_back(
        {parent_of(broker.socket), "the directory of the socket " + quoted(broker.socket), false});
  if (is_absolute_path(config_path))
    out.push_back(
        {parent_of(std::string(config_path)), "the directory of this config file", false});
  // After the broker's own, which name the more useful reason (/etc/mount-broker is in /etc).
  for (std::string_view dir : kSystemTrees)
    out.push_back({std::string(dir), quoted(dir) + ", a system directory", true});
  for (std::string_view dir : kSystemRoots)
    out.push_back({std::string(dir), quoted(dir) + ", a system directory", false});
  return out;
}

std::optional<std::string> mountpoint_place_problem(const std::string& mountpoint,
                                                    const std::vector<ProtectedDir>& dirs) {
  for (const ProtectedDir& dir : dirs) {
    if (is_within(dir.path, mountpoint))
      return quoted(mountpoint) + " would hide " + dir.what +
             "; mount shares in a directory of their own, e.g. under /mnt";
    if (dir.inside_too && is_within(mountpoint, dir.path))
      return quoted(mountpoint) + " is inside " + dir.what +
             "; mount shares in a directory of their own, e.g. under /mnt";
  }
  return std::nullopt;
}

std::optional<std::string> nesting_problem(const std::string& mountpoint,
                                           const std::string& other) {
  if (mountpoint == other) return std::nullopt;
  if (is_within(mountpoint, other)) return "is inside the mount point " + quoted(other);
  if (is_within(other, mountpoint)) return "contains the mount point " + quoted(other);
  return std::nullopt;
}

}  // namespace mb::core::config
