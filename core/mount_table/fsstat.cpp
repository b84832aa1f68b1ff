#include "core/mount_table/fsstat.hpp"

#include <string_view>

namespace mb::core::mount_table {
namespace {

// "//[DOMAIN;]user@server/share" -> "//server/share". The user part ends at the first "@"
// before the server's "/": a share name may contain "@", a user name (percent-encoded) not.
std::string without_user(const std::string& source) {
  if (!source.starts_with("//")) return source;
  const std::size_t slash = source.find('/', 2);
  const std::size_t at = source.find('@', 2);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return source;
  return "//" + source.substr(at + 1);
}

std::string options_text(std::uint64_t flags) {
  namespace f = darwin_mnt;
  std::string out = (flags & f::kRdonly) ? "ro" : "rw";
  constexpr std::pair<std::uint64_t, std::string_view> kShown[] = {{f::kNosuid, "nosuid"},
                                                                   {f::kNodev, "nodev"},
                                                                   {f::kNoexec, "noexec"},
                                                                   {f::kDontbrowse, "nobrowse"},
                                                                   {f::kLocal, "local"}};
  for (const auto& [bit, name] : kShown)
    if (flags & bit) (out += ',') += name;
  return out;
}

}  // namespace

std::vector<MountEntry> fsstat_entries(const std::vector<FsStat>& table) {
  std::vector<MountEntry> out;
  out.reserve(table.size());
  for (const FsStat& s : table) {
    MountEntry e;
    e.mount_point = s.on;
    e.fstype = s.fstype;
    e.source = s.fstype == "smbfs" ? without_user(s.from) : s.from;
    e.device = s.fsid0;
    e.options = options_text(s.flags);
    e.root = "/";
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace mb::core::mount_table
