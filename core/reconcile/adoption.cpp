#include "core/reconcile/adoption.hpp"

#include <optional>
#include <string_view>

namespace mb::core::reconcile {
namespace {

// The value of KEY=VALUE in a comma-separated option list.
std::optional<std::string> option(std::string_view options, std::string_view key) {
  while (!options.empty()) {
    std::size_t comma = options.find(',');
    std::string_view item = options.substr(0, comma);
    if (item.size() > key.size() && item.starts_with(key) && item[key.size()] == '=')
      return std::string(item.substr(key.size() + 1));
    if (comma == std::string_view::npos) break;
    options.remove_prefix(comma + 1);
  }
  return std::nullopt;
}

bool one_of(const std::string& fstype, std::initializer_list<std::string_view> types) {
  for (auto t : types)
    if (fstype == t) return true;
  return false;
}

// The file-system types each backend's helper makes (Linux and macOS names), or the one the
// broker recorded when its helper mounted it.
std::string type_refusal(config::MountType type, const std::string& recorded,
                         const std::string& fstype) {
  // The broker saw its own helper make this type here (a stand-in such as a test's tmpfs).
  if (!recorded.empty() && recorded == fstype) return "";
  const std::string what = "a " + fstype + " mount";
  switch (type) {
    case config::MountType::smb:
      return one_of(fstype, {"cifs", "smb3", "smbfs"}) ? "" : what + ", not SMB";
    case config::MountType::nfs:
      return one_of(fstype, {"nfs", "nfs4"}) ? "" : what + ", not NFS";
    case config::MountType::command:
      return recorded.empty() || recorded == fstype ? "" : what + ", where ours was " + recorded;
  }
  return "";
}

}  // namespace

bool is_fuse(const std::string& fstype) {
  return fstype == "fuse" || fstype == "fuseblk" || fstype.starts_with("fuse.");
}

std::string refusal(config::MountType type, const std::string& recorded_fstype,
                    const mount_table::MountEntry& e) {
  if (auto why = type_refusal(type, recorded_fstype, e.fstype); !why.empty()) return why;
  if (!is_fuse(e.fstype)) return "";
  // The kernel shows the uid of whoever made a FUSE mount; the broker's helpers run as root.
  auto uid = option(e.super_options, "user_id");
  if (!uid) uid = option(e.options, "user_id");
  if (!uid) return "a FUSE mount whose owner is not shown (no user_id=)";
  if (*uid != "0") return "a FUSE mount made by uid " + *uid + ", not by root";
  return "";
}

}  // namespace mb::core::reconcile
