#include "core/config/settings.hpp"

#include <string>

namespace mb::core::config {
namespace {

constexpr int kDay = 86400;
constexpr int kHour = 3600;
constexpr int kYearMinutes = 525600;

void apply(std::optional<int> value, int& field) {
  if (value) field = *value;
}

// A path inside the share: relative, no "..", so the probe never reads outside the mount.
std::optional<std::string> probe_path(TableReader& reader) {
  auto value = reader.string("probe_path");
  if (!value) return std::nullopt;
  std::string_view p = *value;
  if (p.empty() || p.front() == '/' || p.find('\0') != std::string_view::npos) {
    reader.error("probe_path", "must be a path relative to the share's root, e.g. \".probe\"");
    return std::nullopt;
  }
  for (std::string_view rest = p; !rest.empty();) {
    const std::size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    if (part == "..") {
      reader.error("probe_path", "must stay inside the share: \"..\" is not allowed");
      return std::nullopt;
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return value;
}

}  // namespace

MountSettings read_settings(TableReader& reader, MountSettings base) {
  if (auto options = reader.strings("options")) base.options = std::move(*options);
  if (auto auto_mount = reader.boolean("auto_mount")) base.auto_mount = *auto_mount;
  apply(reader.integer("probe_interval_sec", 1, kDay), base.probe_interval_sec);
  apply(reader.integer("probe_timeout_sec", 1, kHour), base.probe_timeout_sec);
  apply(reader.integer("probe_failure_threshold", 1, 100), base.probe_failure_threshold);
  if (auto backoff = reader.integers("recover_backoff_sec", 1, kDay)) {
    base.recover_backoff_sec = std::move(*backoff);
  }
  apply(reader.integer("failed_retry_sec", 0, kDay), base.failed_retry_sec);  // 0 disables
  apply(reader.integer("mount_timeout_sec", 1, kHour), base.mount_timeout_sec);
  // Fractional minutes are allowed (0.5 = 30 s); tests and impatient operators use them.
  if (auto v = reader.number("idle_unmount_min", 0, kYearMinutes)) base.idle_unmount_min = *v;
  if (auto v = probe_path(reader)) base.probe_path = std::move(*v);
  return base;
}

bool has_option(const std::vector<std::string>& options, std::string_view name) {
  for (std::string_view option : options) {
    while (!option.empty()) {
      const std::size_t comma = option.find(',');
      if (option.substr(0, comma) == name) return true;
      if (comma == std::string_view::npos) break;
      option.remove_prefix(comma + 1);
    }
  }
  return false;
}

}  // namespace mb::core::config
