#pragma once
// The [broker] table: where the broker listens and keeps state, and how it behaves.
#include <array>
#include <cstddef>
#include <string_view>

#include "core/config/config.hpp"
#include "core/config/table_reader.hpp"

namespace mb::core::config {

inline constexpr std::array<std::string_view, 11> kBrokerKeys{
    "socket",          "state_dir",           "idle_exit_sec",   "admin_group",
    "log_level",       "max_parallel_probes", "credentials_dir", "log_file",
    "log_max_size_mb", "log_max_files",       "metrics_file"};

inline constexpr std::string_view kExampleLogFile = "/var/log/mount-broker.log";
// Where node_exporter's textfile collector reads on Debian (prometheus-node-exporter).
inline constexpr std::string_view kExampleMetricsFile =
    "/var/lib/prometheus/node-exporter/mount-broker.prom";

// Built-in defaults (socket and state_dir from build_config) with the table's keys applied.
BrokerSettings read_broker(TableReader& reader);

// Built-in defaults only: for a file without [broker], and what the broker uses while no
// config is valid (service::Instance::settings); the one place they are written.
BrokerSettings default_broker();

// A local file the broker writes ([broker] log_file, metrics_file): its key, its path, the
// line of the key, an example shown in messages.
struct LocalFile {
  std::string_view key;
  const std::string& path;
  int line = 0;
  std::string_view example;
};
// Such a file against the rest of the config (so after the [[mount]]s are read): not at or
// under a mount point, not inside state_dir or credentials_dir.
void check_local_file_place(const Config& config, const LocalFile& f, Diagnostics& diag);

// log_max_size_mb in bytes (1 MiB = 1048576 bytes), at least 1.
std::size_t log_max_bytes(const BrokerSettings& settings);

}  // namespace mb::core::config
