#pragma once
// The validated configuration: [broker], [defaults] and one MountConfig per [[mount]].
// Every [defaults] key can be overridden inside a [[mount]]; after loading, each MountConfig
// holds its effective values, so nothing downstream looks at [defaults] again.
#include <string>
#include <vector>

#include "util/name_index.hpp"

namespace mb::core::config {

struct BrokerSettings {
  std::string socket;     // used only when not socket-activated (default from build_config)
  std::string state_dir;  // default from build_config
  int idle_exit_sec = 15;
  std::string admin_group;  // default from build_config: a group this OS has
  std::string log_level = "info";
  int max_parallel_probes = 32;
  std::string credentials_dir;  // root-only password files named after the mounts
  std::string log_file;         // "" = no log file; else an absolute path, rotated by size
  double log_max_size_mb = 10;  // rotate when the file would grow past this (MiB)
  int log_max_files = 5;        // rotated files kept beside the current one (.1 ... .N)
  std::string metrics_file;     // "" = none; else an absolute path, Prometheus text format
};

struct MountSettings {
  std::vector<std::string> options{"soft", "nodev", "nosuid"};
  bool auto_mount = true;
  int probe_interval_sec = 60;
  int probe_timeout_sec = 5;
  int probe_failure_threshold = 3;
  std::vector<int> recover_backoff_sec{2, 5, 15, 30, 60};
  int failed_retry_sec = 30;
  int mount_timeout_sec = 30;
  double idle_unmount_min = 0;  // minutes; 0 = never
  // A file inside the share (relative to its root) whose first bytes every probe reads: the
  // one check no helper cache can answer. "" = a regular file found near the root.
  std::string probe_path;

  bool operator==(const MountSettings&) const = default;
};

enum class MountType { smb, nfs, command };
enum class Credential { none, file, keychain };

// A field added here, in MountSettings or in BrokerSettings goes into the compact form too
// (core/config/config_cache.cpp, with a new kCacheFormat); its unit test checks the sizes.
struct MountConfig {
  std::string name;
  MountType type = MountType::command;
  std::string server;
  std::string share;
  std::string username;
  std::string mountpoint;  // absolute, as written in the file
  Credential credential = Credential::none;
  std::vector<std::string> command;  // type = command: argv template with {mountpoint} etc.
  std::string source;                // what the mount table shows as the source; derived for
                                     // smb ("//server/share") and nfs ("server:/share")
  // Mount on behalf of this local user ("" = root): smb on macOS runs NetFS as that user,
  // cifs gets uid=,gid=,forceuid,forcegid, command templates get {uid} and {gid}. The ids are
  // resolved by config::load (refused if the user does not exist), -1 until then.
  std::string local_user;
  long local_uid = -1;
  long local_gid = -1;
  // An SSH tunnel in front of the share (docs/CONFIG.md, "SSH tunnels"): "ssh://user@gateway
  // [:port]" as written ("" = none), the private key, the known_hosts file ("" = ssh's own),
  // and the port the share listens on behind the gateway (0 = the type's: smb 445).
  std::string tunnel;
  std::string tunnel_identity;
  std::string tunnel_known_hosts;
  int tunnel_port = 0;
  MountSettings settings;
  int line = 0;  // line of the [[mount]] header, for messages

  bool operator==(const MountConfig&) const = default;
};

struct Config {
  std::string path;  // the file it came from ("" when parsed from a string)
  BrokerSettings broker;
  MountSettings defaults;
  std::vector<MountConfig> mounts;

  // By name, through `by_name` (no scan per look-up).
  const MountConfig* find(const std::string& name) const;

  util::NameIndex by_name;  // of `mounts`
};

// "server:/export" as mount(8) is given it and the mount table shows it; a bare IPv6 address
// gets brackets, or its colons would run into the one before the export path.
std::string nfs_source(const std::string& server, const std::string& share);

const char* to_string(MountType t);
const char* to_string(Credential c);

}  // namespace mb::core::config
