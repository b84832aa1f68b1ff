// SMB on macOS through NetFS: the pure half (see netfs_mount.hpp).
#include "core/backends/netfs_mount.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "core/backends/mount_options.hpp"

namespace mb::core::backends {
namespace {

// Percent-encodes what would break the smb://user@server/share URL. ";" stays in a user name:
// it separates a domain from the user ("CORP;alice").
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

// mount.cifs style "CORP/alice" or "CORP\alice" is "CORP;alice" in an SMB URL.
std::string url_user(std::string user) {
  if (const std::size_t slash = user.find_first_of("/\\"); slash != std::string::npos)
    user[slash] = ';';
  return user;
}

std::string flags_text(const NetfsFlags& f) {
  std::string out = "nobrowse";
  if (f.rdonly) out += ",rdonly";
  if (f.nosuid) out += ",nosuid";
  if (f.nodev) out += ",nodev";
  if (f.noexec) out += ",noexec";
  return out;
}

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::optional<long> parse_id(std::string_view text) {
  long value = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < 0)
    return std::nullopt;
  return value;
}

// One "--key value" pair of the child's argv into the request.
util::Status take(NetfsRequest& r, std::string_view key, const std::string& value) {
  if (key == "--url")
    r.url = value;
  else if (key == "--mountpoint")
    r.mountpoint = value;
  else if (key == "--user")
    r.username = value;
  else if (key == "--local-user")
    r.local_user = value;
  else if (key == "--password-fd")
    r.password = value == std::to_string(kNetfsPasswordFd);
  else if (key == "--flags") {
    auto flags = netfs_flags(split_commas(value));
    if (!flags) return util::error(flags.error());
    r.flags = *flags;
  } else if (key == "--uid" || key == "--gid") {
    auto id = parse_id(value);
    // Whole literals: GCC 12 warns falsely (-Warray-bounds) on key + " needs a number".
    if (!id) return util::error(key == "--uid" ? "--uid needs a number" : "--gid needs a number");
    (key == "--uid" ? r.local_uid : r.local_gid) = *id;
  } else {
    return util::error("unknown argument " + std::string(key));
  }
  return util::ok_status();
}

}  // namespace

util::Result<NetfsFlags> netfs_flags(const std::vector<std::string>& options) {
  NetfsFlags f;
  for (const auto& o : options) {
    if (o == "soft" || o == "nobrowse") continue;
    if (o == "ro" || o == "rdonly")
      f.rdonly = true;
    else if (o == "rw")
      f.rdonly = false;
    else if (o == "nosuid")
      f.nosuid = true;
    else if (o == "nodev")
      f.nodev = true;
    else if (o == "noexec")
      f.noexec = true;
    else
      return util::error("option \"" + o +
                         "\" has no NetFS equivalent on macOS (supported: soft, nobrowse, ro, "
                         "rw, nosuid, nodev, noexec); remove it");
  }
  return f;
}

std::string netfs_url(const SmbMount& s) {
  const std::string user = s.username.empty() ? "" : url_encode(url_user(s.username), true) + "@";
  return "smb://" + user + s.server + "/" + url_encode(s.share, false);
}

util::Result<NetfsRequest> netfs_request(const SmbMount& s) {
  auto flags = netfs_flags(s.options);
  if (!flags) return util::error(flags.error());
  NetfsRequest r;
  r.url = netfs_url(s);
  r.mountpoint = s.mountpoint;
  r.username = s.username;
  r.password = s.password.has_value();
  r.flags = *flags;
  r.local_user = s.local_user;
  r.local_uid = s.local_uid;
  r.local_gid = s.local_gid;
  if (!r.local_user.empty() && (r.local_uid < 0 || r.local_gid < 0))
    return util::error("local_user \"" + r.local_user + "\" was not resolved to a uid and gid");
  return r;
}

std::vector<std::string> netfs_args(const NetfsRequest& r) {
  std::vector<std::string> a{
      "netfs-mount", "--url", r.url, "--mountpoint", r.mountpoint, "--flags", flags_text(r.flags)};
  if (!r.username.empty()) a.insert(a.end(), {"--user", r.username});
  if (r.password) a.insert(a.end(), {"--password-fd", std::to_string(kNetfsPasswordFd)});
  if (!r.local_user.empty())
    a.insert(a.end(), {"--local-user", r.local_user, "--uid", std::to_string(r.local_uid), "--gid",
                       std::to_string(r.local_gid)});
  return a;
}

util::Result<NetfsRequest> parse_netfs_args(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "netfs-mount") return util::error("not a netfs-mount command");
  NetfsRequest r;
  for (std::size_t i = 1; i < args.size(); i += 2) {
    if (i + 1 >= args.size()) return util::error(args[i] + " needs a value");
    if (auto st = take(r, args[i], args[i + 1]); !st) return util::error(st.error());
  }
  if (!r.url.starts_with("smb://") || r.mountpoint.empty() || r.mountpoint.front() != '/')
    return util::error("netfs-mount needs --url smb://... and an absolute --mountpoint");
  if (!r.local_user.empty() && (r.local_uid < 0 || r.local_gid < 0))
    return util::error("--local-user needs --uid and --gid");
  return r;
}

util::Result<Invocation> netfs_invocation(const SmbMount& s) {
  auto r = netfs_request(s);
  if (!r) return util::error(r.error());
  Invocation inv;
  inv.internal = true;
  inv.argv = netfs_args(*r);
  if (s.password) {
    inv.secret_fd = kNetfsPasswordFd;
    inv.secret_fd_data = *s.password;
  }
  // No controlling terminal, and the runner's deadline ends the whole group.
  inv.new_session = true;
  return inv;
}

}  // namespace mb::core::backends
