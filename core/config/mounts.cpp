#include "core/config/mounts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/config/local_user.hpp"
#include "core/config/mount_uniqueness.hpp"
#include "core/config/mountpoint_place.hpp"
#include "core/config/paths.hpp"
#include "core/config/settings.hpp"
#include "core/config/table_reader.hpp"
#include "core/config/tunnel.hpp"

namespace mb::core::config {
namespace {

// {name} where name is letters, digits or '_' and not one the backend fills in; other braces
// are left alone (a template may contain literal ones).
std::optional<std::string> unknown_placeholder(const std::string& arg) {
  static constexpr std::array<std::string_view, 7> kKnown{
      "mountpoint", "server", "share", "username", "uid", "gid", "port"};
  for (std::size_t open = arg.find('{'); open != std::string::npos;
       open = arg.find('{', open + 1)) {
    std::size_t close = arg.find('}', open);
    if (close == std::string::npos) break;
    std::string name = arg.substr(open + 1, close - open - 1);
    bool ident = !name.empty();
    for (char c : name) ident = ident && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (ident && std::find(kKnown.begin(), kKnown.end(), name) == kKnown.end()) return name;
  }
  return std::nullopt;
}

constexpr std::string_view kHardWarning =
    "(hard mounts can hang every process that touches the share)";

std::vector<std::string_view> mount_keys() {
  std::vector<std::string_view> keys(kMountKeys.begin(), kMountKeys.end());
  keys.insert(keys.end(), kSettingKeys.begin(), kSettingKeys.end());
  keys.insert(keys.end(), kTunnelKeys.begin(), kTunnelKeys.end());
  return keys;
}

std::optional<MountType> parse_type(std::string_view text) {
  if (text == "smb" || text == "cifs") return MountType::smb;
  if (text == "nfs") return MountType::nfs;
  if (text == "command" || text == "fuse") return MountType::command;
  return std::nullopt;
}

std::optional<Credential> parse_credential(std::string_view text) {
  if (text == "none") return Credential::none;
  if (text == "file") return Credential::file;
  if (text == "keychain") return Credential::keychain;
  return std::nullopt;
}

bool is_string_array(const toml::node* node) {
  const auto* array = node ? node->as_array() : nullptr;
  if (!array) return false;
  for (const auto& element : *array) {
    if (!element.is_string()) return false;
  }
  return true;
}

bool is_remote(MountType type) {
  return type == MountType::smb || type == MountType::nfs;
}

// One [[mount]] being read; `type` is nullopt when missing or refused, which skips the
// type-specific rules rather than guessing.
struct MountReader {
  const toml::table& table;
  TableReader& r;
  const MountDefaults& defaults;
  MountConfig m;
  std::optional<MountType> type;

  void read_name() {
    auto name = r.string("name");
    if (!r.has("name")) {
      r.missing("name", "add name = \"...\" (letters, digits, \"_\" and \"-\", at most 32)");
    } else if (name && !is_valid_mount_name(*name)) {
      r.error("name",
              "must be 1 to 32 letters, digits, \"_\" or \"-\", got " + config::quoted(*name));
    } else if (name) {
      m.name = std::move(*name);
    }
  }

  void read_type() {
    auto text = r.string("type");
    if (!r.has("type")) {
      r.missing("type", "add type = \"smb\", \"nfs\" or \"command\"");
      return;
    }
    if (!text) return;
    type = parse_type(*text);
    if (!type) {
      r.error("type", "must be smb, nfs or command (or the aliases cifs and fuse), got " +
                          config::quoted(*text));
      return;
    }
    m.type = *type;
  }

  void read_mountpoint() {
    auto path = r.string("mountpoint");
    if (!r.has("mountpoint")) {
      r.missing("mountpoint", "add mountpoint = \"/mnt/" +
                                  (m.name.empty() ? std::string("NAME") : m.name) + "\"");
      return;
    }
    if (!path) return;
    if (auto problem = mountpoint_problem(*path)) {
      r.error("mountpoint", *problem + ", got " + config::quoted(*path));
      return;
    }
    m.mountpoint = std::move(*path);
  }

  // Keys that only make sense for some types are refused elsewhere: a stray key there is
  // most likely a mistake about the type.
  void reject_unless(std::string_view key, bool allowed, std::string_view types) {
    if (r.has(key) && !allowed) {
      r.error(key, "only allowed for type = " + std::string(types) + "; remove it");
    }
  }

  void read_server() {
    auto server = r.string("server");
    if (!r.has("server")) {
      r.missing("server", std::string(to_string(*type)) +
                              " mounts need server and share (e.g. server = \"nas.local\")");
      return;
    }
    if (!server) return;
    // Never echo it: "user:password@host" is exactly what this rule is here to catch.
    bool bad = server->empty() || has_control_char(*server);
    for (char c : *server) bad = bad || c == '/' || c == '@' || c == ' ' || c == '\t';
    if (bad) {
      r.error("server",
              "must be a host name or address without \"/\", \"@\" or whitespace (put the "
              "user in username and the share in share)");
      return;
    }
    m.server = std::move(*server);
  }

  void read_share() {
    auto share = r.string("share");
    const bool nfs = *type == MountType::nfs;
    if (!r.has("share")) {
      r.missing("share", std::string(to_string(*type)) + " mounts need server and share (e.g. " +
                             (nfs ? "share = \"/export/photos\")" : "share = \"photos\")"));
      return;
    }
    if (!share) return;
    if (nfs && !is_absolute_path(*share)) {
      r.error("share", "must be the absolute export path, e.g. \"/export/photos\", got " +
                           config::quoted(*share));
    } else if (type == MountType::smb && (share->empty() || share->front() == '/')) {
      r.error("share", "must be the share name without a leading \"/\", e.g. \"photos\", got " +
                           config::quoted(*share));
    } else if (has_control_char(*share)) {
      r.error("share", "must not contain control characters");
    } else {
      m.share = std::move(*share);
    }
  }

  void read_username() {
    auto user = r.string("username");
    if (!user) return;
    bool bad = user->empty() || has_control_char(*user);
    for (char c : *user) bad = bad || c == ',' || c == '%';
    if (bad) {
      // Not echoed: "alice%secret" would carry a password.
      r.error("username",
              "must be non-empty without \",\", \"%\" or control characters (mount.cifs reads "
              "\"user%password\", and \",\" would start another mount option)");
      return;
    }
    m.username = std::move(*user);
  }

  void read_local_user() {
    auto user = r.string("local_user");
    if (!user) return;
    if (auto problem = local_user_problem(*user, type)) {
      r.error("local_user", *problem);
      return;
    }
    m.local_user = std::move(*user);
  }

  void read_credential() {
    auto text = r.string("credential");
    if (!text) return;
    auto credential = parse_credential(*text);
    if (!credential) {
      r.error("credential", "must be one of file, keychain, none, got " + config::quoted(*text));
      return;
    }
    m.credential = *credential;
    if (m.credential != Credential::none && type == MountType::nfs)
      r.error("credential",
              "nfs mounts take no password (use credential = \"none\"; "
              "Kerberos is configured outside mount-broker)");
    const bool needs_user = m.credential != Credential::none && type == MountType::smb;
    if (needs_user && !r.has("username")) {
      r.missing("username", "credential = " + config::quoted(*text) +
                                " needs a username for smb (add username = \"...\")");
    }
  }

  void read_command() {
    auto argv = r.strings("command");
    if (!r.has("command")) {
      r.missing("command", "command mounts need command = [\"program\", ..., \"{mountpoint}\"]");
      return;
    }
    if (!argv) return;
    if (argv->empty()) {
      r.error("command", "must not be empty; give the program and its arguments");
      return;
    }
    if (argv->front().empty()) {
      r.error("command", "the program (first element) must not be empty");
      return;
    }
    bool has_mountpoint = false;
    for (const std::string& arg : *argv) {
      has_mountpoint = has_mountpoint || arg.find("{mountpoint}") != std::string::npos;
    }
    if (!has_mountpoint) {
      r.error("command",
              "no element contains \"{mountpoint}\"; the command must be told "
              "where to mount");
      return;
    }
    for (const std::string& arg : *argv)
      if (auto unknown = unknown_placeholder(arg)) {
        r.error("command",
                "unknown placeholder {" + *unknown +
                    "}; known: {mountpoint}, {server}, {share}, {username}, {uid}, {gid}, {port}");
        return;
      }
    m.command = std::move(*argv);
  }

  void read_source() {
    auto source = r.string("source");
    if (!source) return;
    if (has_control_char(*source)) {
      r.error("source", "must not contain control characters");
      return;
    }
    m.source = std::move(*source);
  }

  // Skipped when the mount's own options are malformed: that is reported once, already.
  void check_soft_options() {
    const bool own = r.has("options");
    if (own && !is_string_array(table.get("options"))) return;
    const int line = own ? r.line_of("options") : r.line();
    std::string where;
    if (!own && defaults.options_line > 0) {
      where = "; they come from [defaults] at line " + std::to_string(defaults.options_line) +
              ": fix them there or set options in this mount";
    }
    const auto& options = m.settings.options;
    if (!has_option(options, "soft")) {
      r.report(line, "options must include \"soft\" " + std::string(kHardWarning) + where);
    }
    if (has_option(options, "hard")) {
      r.report(line, "options must not include \"hard\" " + std::string(kHardWarning) + where);
    }
  }

  void derive_source() {
    if (m.type == MountType::smb) m.source = "//" + m.server + "/" + m.share;
    if (m.type == MountType::nfs) m.source = nfs_source(m.server, m.share);
  }

  void read() {
    read_name();
    read_type();
    read_mountpoint();
    read_username();
    read_local_user();
    read_credential();
    const bool remote = type && is_remote(*type);
    const bool command = type == MountType::command;
    if (type) {
      reject_unless("command", command, "\"command\"");
      reject_unless("source", command, "\"command\"");
    }
    if (remote) {
      read_server();
      read_share();
    }
    if (command) {
      read_command();
      read_source();
      // Optional here: values for the {server} and {share} placeholders of the command.
      if (r.has("server")) read_server();
      if (r.has("share")) read_share();
    }
    if (type) read_tunnel(r, m);
    m.settings = read_settings(r, defaults.settings);
    if (remote) check_soft_options();
    derive_source();
  }
};

}  // namespace

std::vector<MountConfig> read_mounts(const toml::array& mounts, const MountDefaults& defaults,
                                     const std::vector<ProtectedDir>& protected_dirs,
                                     Diagnostics& diag) {
  const std::vector<std::string_view> known = mount_keys();
  const int array_line = line_of(mounts, 0);
  std::vector<MountConfig> out;
  UniquenessCheck unique;
  for (std::size_t i = 0; i < mounts.size(); ++i) {
    const auto* table = mounts[i].as_table();
    if (!table) {
      diag.add(line_of(mounts[i], array_line),
               "mount: must be an array of tables; write each mount as a [[mount]] section");
      continue;
    }
    TableReader r(*table, mount_prefix(*table, i), line_of(*table, array_line), diag);
    r.reject_unknown(known);
    MountReader reader{*table, r, defaults, {}, std::nullopt};
    reader.m.line = r.line();
    reader.read();
    if (!reader.m.mountpoint.empty()) {
      if (auto problem = mountpoint_place_problem(reader.m.mountpoint, protected_dirs)) {
        r.error("mountpoint", *problem);
        reader.m.mountpoint.clear();  // one message is enough: not checked against the others
      }
    }
    unique.check(r, reader.m);
    out.push_back(std::move(reader.m));
  }
  return out;
}

}  // namespace mb::core::config
