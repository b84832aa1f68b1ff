#include "core/config/mount_name.hpp"

namespace mb::core::config {

bool is_valid_mount_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> mount_name(const toml::table& mount) {
  const auto* name = mount.get_as<std::string>("name");
  if (!name || !is_valid_mount_name(name->get())) return std::nullopt;
  return name->get();
}

std::string mount_prefix(const toml::table& mount, std::size_t index) {
  if (auto name = mount_name(mount)) return "mount \"" + *name + "\": ";
  return "[[mount]] #" + std::to_string(index + 1) + ": ";
}

}  // namespace mb::core::config
