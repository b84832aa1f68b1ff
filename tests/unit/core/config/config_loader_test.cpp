#include "core/config/config_loader.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/temp_dir.hpp"
#include "util/build_config.hpp"

namespace cfg = mb::core::config;

namespace {

// The error text of a config that must be refused.
std::string refusal(std::string_view text, const std::string& path = "config.toml") {
  auto result = cfg::parse(text, path);
  REQUIRE_FALSE(result.ok());
  return result.error();
}

cfg::Config accepted(std::string_view text) {
  auto result = cfg::parse(text, "config.toml");
  INFO((result.ok() ? std::string() : result.error()));
  REQUIRE(result.ok());
  return result.value();
}

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

using mb::test::TempDir;

constexpr std::string_view kExample = R"([broker]
socket = "/run/mb-test.sock"
state_dir = "/var/lib/mb-test"
idle_exit_sec = 20
admin_group = "staff"
log_level = "debug"
max_parallel_probes = 8

[defaults]
options = ["soft", "nodev"]
auto_mount = false
probe_interval_sec = 30
probe_timeout_sec = 4
probe_failure_threshold = 2
recover_backoff_sec = [1, 2]
failed_retry_sec = 0
mount_timeout_sec = 20
idle_unmount_min = 10

[[mount]]
name = "photos"
type = "smb"
server = "nas.local"
share = "photos"
username = "alice"
mountpoint = "/Volumes/photos"
credential = "file"
probe_interval_sec = 120
options = ["soft", "vers=3.0"]

[[mount]]
name = "scratch"
type = "command"
mountpoint = "/mnt/scratch"
command = ["bindfs", "/srv/scratch", "{mountpoint}"]
source = "/srv/scratch"
auto_mount = true
)";

}  // namespace

TEST_CASE("the full example parses into broker settings, defaults and effective mount settings") {
  const cfg::Config c = accepted(kExample);
  CHECK(c.path == "config.toml");
  CHECK(c.broker.socket == "/run/mb-test.sock");
  CHECK(c.broker.state_dir == "/var/lib/mb-test");
  CHECK(c.broker.idle_exit_sec == 20);
  CHECK(c.broker.admin_group == "staff");
  CHECK(c.broker.log_level == "debug");
  CHECK(c.broker.max_parallel_probes == 8);

  CHECK(c.defaults.options == std::vector<std::string>{"soft", "nodev"});
  CHECK_FALSE(c.defaults.auto_mount);
  CHECK(c.defaults.probe_interval_sec == 30);
  CHECK(c.defaults.recover_backoff_sec == std::vector<int>{1, 2});
  CHECK(c.defaults.failed_retry_sec == 0);
  CHECK(c.defaults.idle_unmount_min == 10);

  REQUIRE(c.mounts.size() == 2);
  const cfg::MountConfig& photos = c.mounts[0];
  CHECK(photos.name == "photos");
  CHECK(photos.type == cfg::MountType::smb);
  CHECK(photos.server == "nas.local");
  CHECK(photos.share == "photos");
  CHECK(photos.username == "alice");
  CHECK(photos.mountpoint == "/Volumes/photos");
  CHECK(photos.credential == cfg::Credential::file);
  CHECK(photos.source == "//nas.local/photos");
  CHECK(photos.line == 20);
  // Overridden in the mount...
  CHECK(photos.settings.probe_interval_sec == 120);
  CHECK(photos.settings.options == std::vector<std::string>{"soft", "vers=3.0"});
  // ...inherited from [defaults].
  CHECK(photos.settings.probe_timeout_sec == 4);
  CHECK(photos.settings.probe_failure_threshold == 2);
  CHECK_FALSE(photos.settings.auto_mount);
  CHECK(photos.settings.mount_timeout_sec == 20);

  const cfg::MountConfig& scratch = c.mounts[1];
  CHECK(scratch.type == cfg::MountType::command);
  CHECK(scratch.command == std::vector<std::string>{"bindfs", "/srv/scratch", "{mountpoint}"});
  CHECK(scratch.source == "/srv/scratch");
  CHECK(scratch.credential == cfg::Credential::none);
  CHECK(scratch.settings.auto_mount);
  CHECK(scratch.settings.probe_interval_sec == 30);
  CHECK(scratch.line == 31);
}

TEST_CASE("an empty file yields the built-in defaults and no mounts") {
  const cfg::Config c = accepted("");
  CHECK(c.broker.socket == mb::util::kDefaultSocket);
  CHECK(c.broker.state_dir == mb::util::kDefaultStateDir);
  CHECK(c.broker.idle_exit_sec == 15);
  CHECK(c.broker.log_level == "info");
  CHECK(c.defaults.options == std::vector<std::string>{"soft", "nodev", "nosuid"});
  CHECK(c.defaults.recover_backoff_sec == std::vector<int>{2, 5, 15, 30, 60});
  CHECK(c.mounts.empty());
}

TEST_CASE("cifs is read as smb, fuse as command, and nfs sources are server:export") {
  const cfg::Config c = accepted(R"([[mount]]
name = "a"
type = "cifs"
server = "nas"
share = "a"
mountpoint = "/mnt/a"
[[mount]]
name = "b"
type = "fuse"
mountpoint = "/mnt/b"
command = ["sshfs", "host:/", "{mountpoint}"]
[[mount]]
name = "c"
type = "nfs"
server = "filer"
share = "/export/c"
mountpoint = "/mnt/c"
)");
  REQUIRE(c.mounts.size() == 3);
  CHECK(c.mounts[0].type == cfg::MountType::smb);
  CHECK(c.mounts[1].type == cfg::MountType::command);
  CHECK(c.mounts[1].source.empty());
  CHECK(c.mounts[2].type == cfg::MountType::nfs);
  CHECK(c.mounts[2].source == "filer:/export/c");
}

TEST_CASE("an nfs source keeps a bare IPv6 server in brackets, as mount(8) is given it") {
  const cfg::Config c = accepted(R"([[mount]]
name = "v6"
type = "nfs"
server = "fd00::10"
share = "/export"
mountpoint = "/mnt/v6"
[[mount]]
name = "v6b"
type = "nfs"
server = "[fd00::11]"
share = "/export"
mountpoint = "/mnt/v6b"
)");
  CHECK(c.mounts[0].source == "[fd00::10]:/export");
  CHECK(c.mounts[1].source == "[fd00::11]:/export");
}

TEST_CASE("a smb mount without soft is refused with file, line and key") {
  const std::string e = refusal(R"([[mount]]
name = "photos"
type = "smb"
server = "nas"
share = "photos"
mountpoint = "/mnt/photos"
options = ["nodev"]
)");
  CHECK(e ==
        "config.toml:7: mount \"photos\": options must include \"soft\" (hard mounts can "
        "hang every process that touches the share)");
}

TEST_CASE("a nfs mount with hard is refused even when soft is also given") {
  const std::string e = refusal(R"([[mount]]
name = "data"
type = "nfs"
server = "filer"
share = "/export"
mountpoint = "/mnt/data"
options = ["soft,hard"]
)");
  CHECK(e.find("config.toml:7: mount \"data\": options must not include \"hard\"") !=
        std::string::npos);
}

TEST_CASE("options inherited from [defaults] without soft are refused and point at [defaults]") {
  const std::string e = refusal(R"([defaults]
options = ["nodev"]
[[mount]]
name = "data"
type = "nfs"
server = "filer"
share = "/export"
mountpoint = "/mnt/data"
[[mount]]
name = "local"
type = "command"
mountpoint = "/mnt/local"
command = ["bindfs", "/srv", "{mountpoint}"]
)");
  CHECK(e.find("config.toml:3: mount \"data\": options must include \"soft\"") !=
        std::string::npos);
  CHECK(e.find("[defaults] at line 2") != std::string::npos);
  CHECK(e.find("local") == std::string::npos);  // command mounts need no soft
  CHECK(line_count(e) == 1);
}

TEST_CASE("a [broker] number out of range is refused with file, line, table and key") {
  const std::string e = refusal(R"([broker]
socket = "/run/x.sock"
idle_exit_sec = 0
max_parallel_probes = 2000
)");
  CHECK(e ==
        "config.toml:3: [broker] idle_exit_sec: must be between 1 and 86400, got 0\n"
        "config.toml:4: [broker] max_parallel_probes: must be between 1 and 1024, got 2000");
}

TEST_CASE("[broker] socket and state_dir must be absolute paths") {
  const std::string e = refusal(R"([broker]
socket = "run/x.sock"
state_dir = "state"
)");
  CHECK(e.find("config.toml:2: [broker] socket: must be an absolute path, got \"run/x.sock\"") !=
        std::string::npos);
  CHECK(e.find("config.toml:3: [broker] state_dir: must be an absolute path") != std::string::npos);
}

TEST_CASE("[broker] log_level must be a known level and admin_group must not be empty") {
  const std::string e = refusal(R"([broker]
log_level = "verbose"
admin_group = ""
)");
  CHECK(e.find("config.toml:2: [broker] log_level: must be one of trace, debug, info, warn, "
               "error, critical, off, got \"verbose\"") != std::string::npos);
  CHECK(e.find("config.toml:3: [broker] admin_group: must not be empty") != std::string::npos);
}

TEST_CASE("an unknown key is refused with a spelling suggestion, never silently ignored") {
  const std::string e = refusal(R"([defaults]
probe_intervall_sec = 30
[[mount]]
name = "a"
type = "command"
mountpoint = "/mnt/a"
command = ["x", "{mountpoint}"]
mountpiont_mode = 1
)");
  CHECK(e.find("config.toml:2: [defaults] probe_intervall_sec: unknown key; remove it or fix the "
               "spelling (did you mean probe_interval_sec?)") != std::string::npos);
  CHECK(e.find("config.toml:8: mount \"a\": mountpiont_mode: unknown key") != std::string::npos);
}

TEST_CASE("unknown tables, a single [mount] table and stray top-level keys are refused") {
  CHECK(refusal("[brokr]\nidle_exit_sec = 5\n") ==
        "config.toml:1: [brokr]: unknown table; expected [broker], [defaults] or [[mount]] "
        "(did you mean [broker]?)");
  CHECK(
      refusal("[mount]\nname = \"a\"\n")
          .find("config.toml:1: mount: must be an array of tables; write each mount as a [[mount]] "
                "section") != std::string::npos);
  CHECK(refusal("log_level = \"debug\"\n") ==
        "config.toml:1: log_level: unknown key at top level; move it under [broker]");
  CHECK(refusal("defaults = 3\n").find("config.toml:1: defaults: must be a table") !=
        std::string::npos);
}

TEST_CASE("values of the wrong type are refused and say what type is expected") {
  const std::string e = refusal(R"([defaults]
probe_interval_sec = "60"
auto_mount = "yes"
options = "soft"
recover_backoff_sec = 5
[broker]
idle_exit_sec = 1.5
)");
  CHECK(e.find("config.toml:2: [defaults] probe_interval_sec: must be an integer, got a string") !=
        std::string::npos);
  CHECK(e.find("config.toml:3: [defaults] auto_mount: must be true or false, got a string") !=
        std::string::npos);
  CHECK(e.find("config.toml:4: [defaults] options: must be an array of strings, got a string") !=
        std::string::npos);
  CHECK(e.find("config.toml:5: [defaults] recover_backoff_sec: must be a non-empty array of "
               "integers, got an integer") != std::string::npos);
  CHECK(e.find("config.toml:7: [broker] idle_exit_sec: must be an integer, got a "
               "floating-point number") != std::string::npos);
}

TEST_CASE("an options array with a non-string element is refused") {
  const std::string e = refusal("[defaults]\noptions = [\"soft\", 3]\n");
  CHECK(e.find("config.toml:2: [defaults] options: must be an array of strings, element 1 is an "
               "integer") != std::string::npos);
}

TEST_CASE("negative and out-of-range settings are refused in [defaults] and in a mount") {
  const std::string e = refusal(R"([defaults]
probe_timeout_sec = -1
probe_failure_threshold = 101
failed_retry_sec = 86401
mount_timeout_sec = 0
idle_unmount_min = 525601
[[mount]]
name = "a"
type = "command"
mountpoint = "/mnt/a"
command = ["x", "{mountpoint}"]
probe_interval_sec = 86401
)");
  CHECK(e.find("config.toml:2: [defaults] probe_timeout_sec: must be between 1 and 3600, got -1") !=
        std::string::npos);
  CHECK(e.find("config.toml:3: [defaults] probe_failure_threshold: must be between 1 and 100") !=
        std::string::npos);
  CHECK(e.find("config.toml:4: [defaults] failed_retry_sec: must be between 0 and 86400") !=
        std::string::npos);
  CHECK(e.find("config.toml:5: [defaults] mount_timeout_sec: must be between 1 and 3600") !=
        std::string::npos);
  CHECK(e.find("config.toml:6: [defaults] idle_unmount_min: must be between 0 and 525600") !=
        std::string::npos);
  CHECK(e.find("config.toml:12: mount \"a\": probe_interval_sec: must be between 1 and 86400") !=
        std::string::npos);
}

TEST_CASE("recover_backoff_sec must be non-empty and every step within range") {
  CHECK(refusal("[defaults]\nrecover_backoff_sec = []\n")
            .find("config.toml:2: [defaults] recover_backoff_sec: must be a non-empty array of "
                  "integers, got an empty array") != std::string::npos);
  const std::string e = refusal("[defaults]\nrecover_backoff_sec = [0, 5, 100000]\n");
  CHECK(e.find("[defaults] recover_backoff_sec[0]: must be between 1 and 86400, got 0") !=
        std::string::npos);
  CHECK(e.find("[defaults] recover_backoff_sec[2]: must be between 1 and 86400, got 100000") !=
        std::string::npos);
}

TEST_CASE("probe_path is a path inside the share, in [defaults] or a mount") {
  const cfg::Config c = accepted(R"([defaults]
probe_path = ".probe"
[[mount]]
name = "a"
type = "command"
mountpoint = "/mnt/a"
command = ["x", "{mountpoint}"]
[[mount]]
name = "b"
type = "command"
mountpoint = "/mnt/b"
command = ["x", "{mountpoint}"]
probe_path = "docs/.keep..here"
)");
  CHECK(c.defaults.probe_path == ".probe");
  CHECK(c.mounts[0].settings.probe_path == ".probe");
  CHECK(c.mounts[1].settings.probe_path == "docs/.keep..here");
  CHECK(accepted("").defaults.probe_path.empty());

  for (const char* bad : {"", "/etc/passwd", "..", "a/../../etc/passwd", "a/.."}) {
    INFO(bad);
    const std::string e = refusal(std::string("[defaults]\nprobe_path = \"") + bad + "\"\n");
    CHECK(e.find("config.toml:2: [defaults] probe_path: must ") != std::string::npos);
  }
  CHECK(refusal("[defaults]\nprobe_path = 1\n").find("probe_path: must be a string") !=
        std::string::npos);
}

TEST_CASE("zero is accepted where it disables a feature") {
  const cfg::Config c = accepted("[defaults]\nfailed_retry_sec = 0\nidle_unmount_min = 0\n");
  CHECK(c.defaults.failed_retry_sec == 0);
  CHECK(c.defaults.idle_unmount_min == 0);
}

TEST_CASE("a mount without a name, or with an invalid name, is refused") {
  const std::string e = refusal(R"([[mount]]
type = "command"
mountpoint = "/mnt/a"
command = ["x", "{mountpoint}"]
[[mount]]
name = "my photos"
type = "command"
mountpoint = "/mnt/b"
command = ["x", "{mountpoint}"]
[[mount]]
name = "abcdefghijklmnopqrstuvwxyz0123456"
type = "command"
mountpoint = "/mnt/c"
command = ["x", "{mountpoint}"]
)");
  CHECK(e.find("config.toml:1: [[mount]] #1: name: missing") != std::string::npos);
  CHECK(e.find("config.toml:6: [[mount]] #2: name: must be 1 to 32 letters, digits, \"_\" or "
               "\"-\", got \"my photos\"") != std::string::npos);
  CHECK(e.find("config.toml:11: [[mount]] #3: name: must be 1 to 32") != std::string::npos);
}

TEST_CASE("a duplicate mount name is refused and names the first definition") {
  const std::string e = refusal(R"([[mount]]
name = "x"
type = "command"
mountpoint = "/mnt/a"
command = ["x", "{mountpoint}"]
[[mount]]
name = "x"
type = "command"
mountpoint = "/mnt/b"
command = ["x", "{mountpoint}"]
)");
  CHECK(e ==
        "config.toml:7: mount \"x\": name: duplicate name \"x\" (first defined at line 1); "
        "give each mount its own name");
}

TEST_CASE("a mount without a type, or with an unknown type, is refused") {
  const std::string e = refusal(R"([[mount]]
name = "a"
mountpoint = "/mnt/a"
[[mount]]
name = "b"
type = "webdav"
mountpoint = "/mnt/b"
)");
  CHECK(e.find("config.toml:1: mount \"a\": type: missing; add type = \"smb\", \"nfs\" or "
               "\"command\"") != std::string::npos);
  CHECK(e.find("config.toml:6: mount \"b\": type: must be smb, nfs or command") !=
        std::string::npos);
}

TEST_CASE("a mountpoint must be present, absolute, canonical and not the root") {
  auto mount = [](const std::string& mountpoint) {
    return "[[mount]]\nname = \"a\"\ntype = \"command\"\ncommand = [\"x\", \"{mountpoint}\"]\n" +
           mountpoint;
  };
  CHECK(refusal(mount("")).find("config.toml:1: mount \"a\": mountpoint: missing") !=
        std::string::npos);
  CHECK(refusal(mount("mountpoint = \"mnt/a\""))
            .find("config.toml:5: mount \"a\": mountpoint: must be an absolute path") !=
        std::string::npos);
  CHECK(refusal(mount("mountpoint = \"/\"")).find("must not be \"/\" itself") != std::string::npos);
  CHECK(refusal(mount("mountpoint = \"/mnt/a/\"")).find("must not end with \"/\"") !=
        std::string::npos);
  CHECK(refusal(mount("mountpoint = \"/mnt/../etc\"")).find("\"..\" components") !=
        std::string::npos);
  CHECK(refusal(mount("mountpoint = \"/mnt/./a\"")).find("\"..\" components") != std::string::npos);
  CHECK(refusal(mount("mountpoint = \"/mnt//a\"")).find("must not contain \"//\"") !=
        std::string::npos);
}

TEST_CASE("two mounts on the same mountpoint are refused") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "command"
mountpoint = "/mnt/x"
command = ["x", "{mountpoint}"]
[[mount]]
name = "b"
type = "command"
mountpoint = "/mnt/x"
command = ["x", "{mountpoint}"]
)");
  CHECK(e.find("config.toml:9: mount \"b\": mountpoint: \"/mnt/x\" is already used by mount "
               "\"a\" at line 1") != std::string::npos);
}

TEST_CASE("nested mount points are refused at the inner and the outer one's line") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "command"
mountpoint = "/mnt/x"
command = ["x", "{mountpoint}"]
[[mount]]
name = "b"
type = "command"
mountpoint = "/mnt/x/y"
command = ["x", "{mountpoint}"]
[[mount]]
name = "c"
type = "command"
mountpoint = "/mnt"
command = ["x", "{mountpoint}"]
)");
  CHECK_THAT(e, Catch::Contains("config.toml:9: mount \"b\": mountpoint: \"/mnt/x/y\" is inside "
                                "the mount point \"/mnt/x\" of mount \"a\" at line 1; mounts "
                                "must not nest"));
  CHECK_THAT(e, Catch::Contains("config.toml:14: mount \"c\": mountpoint: \"/mnt\" contains the "
                                "mount point \"/mnt/x\" of mount \"a\" at line 1"));
}

TEST_CASE("mount points over or inside the broker's files or a system directory are refused") {
  const std::string e = refusal(R"([broker]
state_dir = "/var/lib/mb-test"
credentials_dir = "/etc/mb-test/credentials"
socket = "/srv/mb.sock"
[[mount]]
name = "a"
type = "command"
mountpoint = "/var/lib/mb-test/a"
command = ["x", "{mountpoint}"]
[[mount]]
name = "b"
type = "command"
mountpoint = "/run"
command = ["x", "{mountpoint}"]
[[mount]]
name = "c"
type = "command"
mountpoint = "/usr/local/bin"
command = ["x", "{mountpoint}"]
[[mount]]
name = "d"
type = "command"
mountpoint = "/srv/conf"
command = ["x", "{mountpoint}"]
)",
                                "/srv/conf/mb.toml");
  CHECK_THAT(e, Catch::Contains("/srv/conf/mb.toml:8: mount \"a\": mountpoint: "
                                "\"/var/lib/mb-test/a\" is inside state_dir \"/var/lib/mb-test\""));
  CHECK_THAT(e, Catch::Contains("/srv/conf/mb.toml:13: mount \"b\": mountpoint: \"/run\" would "
                                "hide \"/run\", a system directory"));
  CHECK_THAT(e, Catch::Contains("/srv/conf/mb.toml:18: mount \"c\": mountpoint: "
                                "\"/usr/local/bin\" is inside \"/usr\", a system directory"));
  CHECK_THAT(e, Catch::Contains("/srv/conf/mb.toml:23: mount \"d\": mountpoint: \"/srv/conf\" "
                                "would hide the directory of this config file"));
  CHECK(line_count(e) == 4);
}

TEST_CASE("smb and nfs mounts need server and share") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "smb"
mountpoint = "/mnt/a"
[[mount]]
name = "b"
type = "nfs"
server = "filer"
mountpoint = "/mnt/b"
)");
  CHECK(e.find("config.toml:1: mount \"a\": server: missing; smb mounts need server and share") !=
        std::string::npos);
  CHECK(e.find("config.toml:1: mount \"a\": share: missing") != std::string::npos);
  CHECK(e.find("config.toml:5: mount \"b\": share: missing; nfs mounts need server and share") !=
        std::string::npos);
  CHECK(line_count(e) == 3);
}

TEST_CASE("a nfs share must be an absolute export path") {
  const std::string e = refusal(R"([[mount]]
name = "b"
type = "nfs"
server = "filer"
share = "export"
mountpoint = "/mnt/b"
)");
  CHECK(e.find("config.toml:5: mount \"b\": share: must be the absolute export path") !=
        std::string::npos);
}

TEST_CASE("a server containing a slash, an at sign or whitespace is refused") {
  for (const char* server : {"nas/photos", "alice@nas", "nas local"}) {
    const std::string e =
        refusal(std::string("[[mount]]\nname = \"a\"\ntype = \"smb\"\n") +
                "share = \"s\"\nmountpoint = \"/mnt/a\"\nserver = \"" + server + "\"\n");
    CHECK(e.find("config.toml:6: mount \"a\": server: must be a host name or address") !=
          std::string::npos);
    CHECK(e.find(server) == std::string::npos);  // may carry user:password@
  }
}

TEST_CASE("a command mount needs a command that mentions {mountpoint}") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "command"
mountpoint = "/mnt/a"
[[mount]]
name = "b"
type = "command"
mountpoint = "/mnt/b"
command = ["bindfs", "/srv", "/mnt/b"]
[[mount]]
name = "c"
type = "command"
mountpoint = "/mnt/c"
command = []
)");
  CHECK(e.find("config.toml:1: mount \"a\": command: missing") != std::string::npos);
  CHECK(e.find("config.toml:9: mount \"b\": command: no element contains \"{mountpoint}\"") !=
        std::string::npos);
  CHECK(e.find("config.toml:14: mount \"c\": command: must not be empty") != std::string::npos);
}

TEST_CASE("command and source are only allowed for command mounts") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "smb"
server = "nas"
share = "a"
mountpoint = "/mnt/a"
command = ["x", "{mountpoint}"]
source = "//elsewhere/a"
)");
  CHECK(e.find("config.toml:7: mount \"a\": command: only allowed for type = \"command\"") !=
        std::string::npos);
  CHECK(e.find("config.toml:8: mount \"a\": source: only allowed for type = \"command\"") !=
        std::string::npos);
}

TEST_CASE("a command mount may name a server and share for its {server} and {share} placeholders") {
  const cfg::Config c = accepted(R"([[mount]]
name = "b"
type = "command"
mountpoint = "/mnt/b"
command = ["sshfs", "{username}@{server}:{share}", "{mountpoint}"]
server = "host.example"
share = "/home/alice"
username = "alice"
)");
  REQUIRE(c.mounts.size() == 1);
  CHECK(c.mounts[0].server == "host.example");
  CHECK(c.mounts[0].share == "/home/alice");
  CHECK(c.mounts[0].source.empty());
}

TEST_CASE("a password hidden in user=NAME%PASSWORD or after a --password flag is refused") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "smb"
server = "nas"
share = "a"
mountpoint = "/mnt/a"
options = ["soft", "user=alice%hunter2"]
[[mount]]
name = "b"
type = "command"
mountpoint = "/mnt/b"
command = ["tool", "--password", "hunter3", "{mountpoint}"]
)");
  CHECK(e.find("mount \"a\"") != std::string::npos);
  CHECK(e.find("mount \"b\"") != std::string::npos);
  CHECK(e.find("hunter2") == std::string::npos);
  CHECK(e.find("hunter3") == std::string::npos);
}

TEST_CASE("credential must be file, keychain or none, and a smb credential needs a username") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "smb"
server = "nas"
share = "a"
mountpoint = "/mnt/a"
credential = "keychain"
[[mount]]
name = "b"
type = "smb"
server = "nas"
share = "b"
mountpoint = "/mnt/b"
credential = "env"
)");
  CHECK(e.find("config.toml:1: mount \"a\": username: missing; credential = \"keychain\" needs a "
               "username for smb") != std::string::npos);
  CHECK(e.find("config.toml:14: mount \"b\": credential: must be one of file, keychain, none, "
               "got \"env\"") != std::string::npos);
}

TEST_CASE("a username carrying a password after % is refused without echoing it") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "smb"
server = "nas"
share = "a"
username = "alice%hunter2"
mountpoint = "/mnt/a"
)");
  CHECK(e.find("config.toml:6: mount \"a\": username: must be non-empty") != std::string::npos);
  CHECK(e.find("hunter2") == std::string::npos);
}

TEST_CASE("a password key is refused in any table and its value never appears") {
  const std::string e = refusal(R"([broker]
Password = "hunter2"
[defaults]
secret = "hunter2"
[[mount]]
name = "photos"
type = "command"
mountpoint = "/mnt/p"
command = ["x", "{mountpoint}"]
PASS = "hunter2"
[extra.nested]
passwd = "hunter2"
)");
  CHECK(e.find("hunter2") == std::string::npos);
  CHECK(e.find("config.toml:2: [broker] Password: passwords do not belong in the config file") !=
        std::string::npos);
  CHECK(e.find("config.toml:4: [defaults] secret: passwords do not belong") != std::string::npos);
  CHECK(e.find("config.toml:10: mount \"photos\": PASS: passwords do not belong in the config "
               "file; remove it and run: mountctl setup photos") != std::string::npos);
  CHECK(e.find("config.toml:12: [extra] nested.passwd: passwords do not belong") !=
        std::string::npos);
  // The password keys are not additionally reported as unknown keys.
  CHECK(e.find("Password: unknown key") == std::string::npos);
}

TEST_CASE("a password mount option is refused wherever it appears and its value never appears") {
  const std::string e = refusal(R"([defaults]
options = ["soft", "password=hunter2"]
[[mount]]
name = "photos"
type = "smb"
server = "nas"
share = "photos"
mountpoint = "/mnt/p"
options = ["soft,user=alice,pass=hunter2"]
[[mount]]
name = "ssh"
type = "command"
mountpoint = "/mnt/s"
command = ["tool", "--passwd=hunter2", "{mountpoint}"]
)");
  CHECK(e.find("hunter2") == std::string::npos);
  CHECK(e.find("config.toml:2: [defaults] options[1]: contains a password option "
               "(\"password=...\")") != std::string::npos);
  CHECK(e.find("config.toml:9: mount \"photos\": options[0]: contains a password option "
               "(\"pass=...\")") != std::string::npos);
  CHECK(e.find("mountctl setup photos") != std::string::npos);
  CHECK(e.find("config.toml:14: mount \"ssh\": command[1]: contains a password option") !=
        std::string::npos);
}

TEST_CASE("all problems are reported together, one per line, in file order") {
  const std::string e = refusal(R"([broker]
idle_exit_sec = 0
log_level = "loud"
[[mount]]
name = "photos"
type = "smb"
server = "nas"
share = "photos"
mountpoint = "relative"
options = ["hard"]
probe_intervall_sec = 3
)");
  CHECK(line_count(e) == 6);
  const auto at = [&](const char* needle) { return e.find(needle); };
  CHECK(at("config.toml:2: [broker] idle_exit_sec") < at("config.toml:3: [broker] log_level"));
  CHECK(at("config.toml:3:") < at("config.toml:9: mount \"photos\": mountpoint"));
  CHECK(at("config.toml:9:") < at("config.toml:10: mount \"photos\": options must include"));
  CHECK(at("config.toml:10: mount \"photos\": options must not include \"hard\"") !=
        std::string::npos);
  CHECK(at("config.toml:11: mount \"photos\": probe_intervall_sec: unknown key") !=
        std::string::npos);
}

TEST_CASE("a TOML syntax error is reported with path, line and column") {
  const std::string e = refusal("[broker]\nidle_exit_sec = \n", "/etc/mb/config.toml");
  CHECK(e.rfind("/etc/mb/config.toml:2:17: syntax error: ", 0) == 0);
  CHECK(line_count(e) == 1);
}

TEST_CASE("messages use the path exactly as it was passed") {
  const std::string e = refusal("[broker]\nidle_exit_sec = 0\n", "./conf/../config.toml");
  CHECK(e.rfind("./conf/../config.toml:2: ", 0) == 0);
}

TEST_CASE("a command with an unknown placeholder is refused when the config is loaded") {
  const std::string e = refusal(R"([[mount]]
name = "a"
type = "command"
mountpoint = "/mnt/a"
command = ["sshfs", "{user}@host:/", "{mountpoint}"]
)");
  CHECK(e.find("config.toml:5: mount \"a\": command: unknown placeholder {user}") !=
        std::string::npos);
}

TEST_CASE("an nfs mount with a password credential is refused") {
  const std::string e = refusal(R"([[mount]]
name = "n"
type = "nfs"
server = "nas"
share = "/export/n"
mountpoint = "/mnt/n"
credential = "file"
)");
  CHECK(e.find("mount \"n\": credential: nfs mounts take no password") != std::string::npos);
}
