#pragma once
// The per-mount settings that [defaults] sets and each [[mount]] may override.
#include <array>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/config/table_reader.hpp"

namespace mb::core::config {

inline constexpr std::array<std::string_view, 10> kSettingKeys{"options",
                                                               "auto_mount",
                                                               "probe_interval_sec",
                                                               "probe_timeout_sec",
                                                               "probe_failure_threshold",
                                                               "recover_backoff_sec",
                                                               "failed_retry_sec",
                                                               "mount_timeout_sec",
                                                               "idle_unmount_min",
                                                               "probe_path"};

// `base` with every setting key present in the table applied; refused values keep `base`.
MountSettings read_settings(TableReader& reader, MountSettings base);

// Whether `name` is among the options; elements may themselves be comma-separated lists.
bool has_option(const std::vector<std::string>& options, std::string_view name);

}  // namespace mb::core::config
