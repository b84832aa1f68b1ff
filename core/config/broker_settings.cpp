#include "core/config/broker_settings.hpp"

#include <sys/un.h>

#include <string>
#include <vector>

#include "core/config/paths.hpp"
#include "util/build_config.hpp"

namespace mb::core::config {
namespace {

constexpr std::array<std::string_view, 7> kLogLevels{"trace", "debug",    "info", "warn",
                                                     "error", "critical", "off"};

void read_socket(TableReader& reader, BrokerSettings& out) {
  auto socket = reader.string("socket");
  if (!socket) return;
  if (!is_absolute_path(*socket)) {
    reader.error("socket", "must be an absolute path, got " + config::quoted(*socket));
    return;
  }
  // sun_path holds the path and its terminating NUL.
  if (socket->size() >= sizeof(sockaddr_un{}.sun_path)) {
    reader.error("socket", "path is too long for a unix socket (at most " +
                               std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) + " bytes)");
    return;
  }
  out.socket = std::move(*socket);
}

void read_state_dir(TableReader& reader, BrokerSettings& out) {
  auto dir = reader.string("state_dir");
  if (!dir) return;
  if (!is_absolute_path(*dir)) {
    reader.error("state_dir", "must be an absolute path, got " + config::quoted(*dir));
    return;
  }
  out.state_dir = std::move(*dir);
}

void read_log_level(TableReader& reader, BrokerSettings& out) {
  auto level = reader.string("log_level");
  if (!level) return;
  for (std::string_view known : kLogLevels) {
    if (*level == known) {
      out.log_level = std::move(*level);
      return;
    }
  }
  reader.error("log_level", "must be one of trace, debug, info, warn, error, critical, off, got " +
                                config::quoted(*level));
}

// "log file" for "log_file": the key as words in messages.
std::string noun(std::string_view key) {
  std::string out(key);
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

// An optional local file the broker writes (log_file, metrics_file): "" turns it off; a
// path must be absolute and name a file. `example` is shown in the messages.
void read_local_file(TableReader& reader, const char* key, std::string_view example,
                     std::string& out) {
  auto file = reader.string(key);
  if (!file) return;
  if (file->empty()) {
    out.clear();
    return;
  }
  if (has_control_char(*file)) {
    reader.error(key, "must not contain control characters");
    return;
  }
  if (!is_absolute_path(*file)) {
    reader.error(key, "must be an absolute path, or \"\" for no " + noun(key) + ", got " +
                          config::quoted(*file));
    return;
  }
  if (file->back() == '/') {
    reader.error(key, "must name a file, not a directory, got " + config::quoted(*file) +
                          " (e.g. " + config::quoted(example) + ")");
    return;
  }
  out = std::move(*file);
}

void read_log_rotation(TableReader& reader, BrokerSettings& out) {
  // Fractions allow small files (0.5 = 512 KiB); the floor keeps a rotation from holding less
  // than a few lines.
  if (auto v = reader.number("log_max_size_mb", 0.001, 4096)) out.log_max_size_mb = *v;
  if (auto v = reader.integer("log_max_files", 1, 100)) out.log_max_files = *v;
}

}  // namespace

void check_local_file_place(const Config& config, const LocalFile& f, Diagnostics& diag) {
  const BrokerSettings& b = config.broker;
  if (f.path.empty()) return;
  const std::string file = normal_path(f.path);
  const std::string prefix = "[broker] " + std::string(f.key) + ": ";
  const std::string instead = "; use e.g. " + config::quoted(f.example);
  for (const MountConfig& m : config.mounts) {
    if (m.mountpoint.empty() || !is_within(file, normal_path(m.mountpoint))) continue;
    // Written on the broker's only thread: a share whose server stops answering would hang
    // the broker, the failure it exists to prevent.
    diag.add(f.line, prefix + "must not be under the mount point of mount " +
                         config::quoted(m.name) + " (" + config::quoted(m.mountpoint) +
                         "): a share whose server stops answering would hang the broker; put the " +
                         noun(f.key) + " on a local disk, e.g. " + config::quoted(f.example));
  }
  // A slip like ".../state.json" would overwrite or append to the state file.
  if (is_within(file, normal_path(b.state_dir)))
    diag.add(f.line, prefix + "must not be inside state_dir " + config::quoted(b.state_dir) +
                         " (the broker's state files are there)" + instead);
  if (is_within(file, normal_path(b.credentials_dir)))
    diag.add(f.line, prefix + "must not be inside credentials_dir " +
                         config::quoted(b.credentials_dir) + " (the password files are there)" +
                         instead);
}

BrokerSettings default_broker() {
  BrokerSettings out;
  out.socket = util::kDefaultSocket;
  out.state_dir = util::kDefaultStateDir;
  out.credentials_dir = util::kDefaultCredentialsDir;
  out.admin_group = util::kDefaultAdminGroup;
  return out;
}

std::size_t log_max_bytes(const BrokerSettings& settings) {
  const double bytes = settings.log_max_size_mb * 1024.0 * 1024.0;
  return bytes < 1 ? 1 : static_cast<std::size_t>(bytes);
}

BrokerSettings read_broker(TableReader& reader) {
  BrokerSettings out = default_broker();
  reader.reject_unknown(kBrokerKeys);
  read_socket(reader, out);
  read_state_dir(reader, out);
  if (auto dir = reader.string("credentials_dir")) {
    if (!is_absolute_path(*dir))
      reader.error("credentials_dir", "must be an absolute path, got " + config::quoted(*dir));
    else
      out.credentials_dir = std::move(*dir);
  }
  if (auto v = reader.integer("idle_exit_sec", 1, 86400)) out.idle_exit_sec = *v;
  if (auto group = reader.string("admin_group")) {
    if (group->empty()) {
      reader.error("admin_group",
                   "must not be empty (name the group allowed to administer "
                   "mounts, e.g. \"wheel\")");
    } else {
      out.admin_group = std::move(*group);
    }
  }
  read_log_level(reader, out);
  if (auto v = reader.integer("max_parallel_probes", 1, 1024)) out.max_parallel_probes = *v;
  read_local_file(reader, "log_file", kExampleLogFile, out.log_file);
  read_log_rotation(reader, out);
  read_local_file(reader, "metrics_file", kExampleMetricsFile, out.metrics_file);
  return out;
}

}  // namespace mb::core::config
