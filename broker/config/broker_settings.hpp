#pragma once
// The [broker] table: where the broker listens and keeps state, and how it behaves.
#include <array>
#include <string_view>

#include "broker/config/config.hpp"
#include "broker/config/table_reader.hpp"

namespace mb::broker::config {

inline constexpr std::array<std::string_view, 7> kBrokerKeys{
    "socket",    "state_dir",           "idle_exit_sec",  "admin_group",
    "log_level", "max_parallel_probes", "credentials_dir"};

// Built-in defaults (socket and state_dir from build_config) with the table's keys applied.
BrokerSettings read_broker(TableReader& reader);

// Built-in defaults only: for a file without [broker].
BrokerSettings default_broker();

}  // namespace mb::broker::config
