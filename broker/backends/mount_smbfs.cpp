// mount_smbfs, the SMB mount tool on macOS. UNTESTED: written from the man page; there is no
// macOS machine in this project's test rig yet.
#include <string>
#include <string_view>

#include "broker/backends/mount_options.hpp"
#include "broker/backends/smb_backend.hpp"

namespace mb::broker::backends {
namespace {

// Percent-encodes what would break the //user@server/share URL. ";" stays: it separates a
// domain from the user ("CORP;alice").
std::string url_encode(std::string_view text, bool keep_semicolon) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || (keep_semicolon && c == ';');
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

}  // namespace

util::Result<Invocation> mount_smbfs_invocation(const SmbMount& s) {
  std::string user = s.username;
  // mount.cifs style "CORP/alice" or "CORP\alice" is "CORP;alice" in an SMB URL.
  if (const std::size_t slash = user.find_first_of("/\\"); slash != std::string::npos) {
    user[slash] = ';';
  }
  if (user.empty() && !s.password) user = "guest";

  Invocation inv;
  // PLACEHOLDER until the NetFS helper exists: mount_smbfs ignores stdin (see smb_backend.hpp).
  if (s.password) inv.stdin_data = *s.password + "\n";
  const std::string url = "//" + (user.empty() ? "" : url_encode(user, true) + "@") + s.server +
                          "/" + url_encode(s.share, false);
  inv.argv = {"mount_smbfs", "-N", "-o", join_options(s.options), url, s.mountpoint};
  inv.new_session = true;
  return inv;
}

}  // namespace mb::broker::backends
