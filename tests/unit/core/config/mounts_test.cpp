#include "core/config/mounts.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace cfg = mb::core::config;

namespace {

struct Read {
  std::vector<cfg::MountConfig> mounts;
  std::string errors;
};

// The [[mount]] tables of `text` (line 1 is the first [[mount]]), read with `defaults`.
Read read(const std::string& text, const cfg::MountDefaults& defaults = {},
          const std::vector<cfg::ProtectedDir>& protected_dirs = {}) {
  toml::table doc = toml::parse(text);
  cfg::Diagnostics diag("config.toml");
  Read out{cfg::read_mounts(*doc["mount"].as_array(), defaults, protected_dirs, diag), ""};
  out.errors = diag.text();
  return out;
}

}  // namespace

TEST_CASE("mounts: each type is read with its source derived, aliases cifs and fuse") {
  auto r = read(R"([[mount]]
name = "photos"
type = "cifs"
server = "nas"
share = "photos"
username = "alice"
credential = "file"
mountpoint = "/mnt/photos"
[[mount]]
name = "export"
type = "nfs"
server = "fe80::1"
share = "/export/a"
mountpoint = "/mnt/export"
[[mount]]
name = "scratch"
type = "fuse"
command = ["bindfs", "/srv/scratch", "{mountpoint}"]
source = "/srv/scratch"
mountpoint = "/mnt/scratch"
probe_interval_sec = 10
)");
  CHECK(r.errors.empty());
  REQUIRE(r.mounts.size() == 3);
  CHECK(r.mounts[0].type == cfg::MountType::smb);
  CHECK(r.mounts[0].source == "//nas/photos");
  CHECK(r.mounts[0].credential == cfg::Credential::file);
  CHECK(r.mounts[0].line == 1);
  CHECK(r.mounts[1].type == cfg::MountType::nfs);
  CHECK(r.mounts[1].source == "[fe80::1]:/export/a");
  CHECK(r.mounts[2].type == cfg::MountType::command);
  CHECK(r.mounts[2].source == "/srv/scratch");
  CHECK(r.mounts[2].command.at(2) == "{mountpoint}");
  CHECK(r.mounts[2].settings.probe_interval_sec == 10);
  CHECK(r.mounts[0].settings.probe_interval_sec == 60);  // the defaults
}

TEST_CASE("mounts: missing keys are named with a hint at the mount's line") {
  auto r = read(R"([[mount]]
type = "smb"
)");
  CHECK_THAT(r.errors, Catch::Contains("config.toml:1: [[mount]] #1: name: missing"));
  CHECK_THAT(r.errors,
             Catch::Contains("[[mount]] #1: mountpoint: missing; add mountpoint = \"/mnt/NAME\""));
  CHECK_THAT(r.errors, Catch::Contains("server: missing; smb mounts need server and share"));
  CHECK_THAT(r.errors, Catch::Contains("share: missing"));
}

TEST_CASE("mounts: keys of another type and unknown placeholders are refused") {
  auto r = read(R"([[mount]]
name = "a"
type = "nfs"
server = "nas"
share = "/e"
mountpoint = "/mnt/a"
command = ["x", "{mountpoint}"]
credential = "file"
[[mount]]
name = "b"
type = "command"
mountpoint = "/mnt/b"
command = ["x", "{mountpoint}", "{home}"]
[[mount]]
name = "c"
type = "command"
mountpoint = "/mnt/c"
command = ["x", "/srv"]
)");
  CHECK_THAT(r.errors,
             Catch::Contains("mount \"a\": command: only allowed for type = \"command\""));
  CHECK_THAT(r.errors, Catch::Contains("mount \"a\": credential: nfs mounts take no password"));
  CHECK_THAT(r.errors, Catch::Contains("mount \"b\": command: unknown placeholder {home}"));
  CHECK_THAT(r.errors,
             Catch::Contains("mount \"c\": command: no element contains \"{mountpoint}\""));
}

TEST_CASE("mounts: a server or username that could carry a password is refused unechoed") {
  auto r = read(R"([[mount]]
name = "a"
type = "smb"
server = "alice:hunter2@nas"
share = "s"
username = "alice%hunter2"
mountpoint = "/mnt/a"
)");
  CHECK_THAT(r.errors, Catch::Contains("server: must be a host name"));
  CHECK_THAT(r.errors, Catch::Contains("username: must be non-empty without"));
  CHECK_THAT(r.errors, !Catch::Contains("hunter2"));
}

TEST_CASE("mounts: remote mounts must be soft, and inherited options say where they come from") {
  cfg::MountDefaults defaults;
  defaults.settings.options = {"hard"};
  defaults.options_line = 3;
  auto r = read(R"([[mount]]
name = "a"
type = "nfs"
server = "nas"
share = "/e"
mountpoint = "/mnt/a"
)",
                defaults);
  CHECK_THAT(r.errors, Catch::Contains("options must include \"soft\" (hard mounts can hang"));
  CHECK_THAT(r.errors, Catch::Contains("options must not include \"hard\""));
  CHECK_THAT(r.errors, Catch::Contains("they come from [defaults] at line 3"));
  // A command mount is not held to it: its helper decides.
  r = read(R"([[mount]]
name = "b"
type = "command"
mountpoint = "/mnt/b"
command = ["x", "{mountpoint}"]
)",
           defaults);
  CHECK(r.errors.empty());
}

TEST_CASE("mounts: a mount point over a protected directory or used twice is refused once") {
  std::vector<cfg::ProtectedDir> dirs{{"/var/lib/mount-broker", "state_dir (the state)", true}};
  auto r = read(R"([[mount]]
name = "a"
type = "command"
mountpoint = "/var/lib/mount-broker/x"
command = ["x", "{mountpoint}"]
[[mount]]
name = "b"
type = "command"
mountpoint = "/var/lib/mount-broker/x"
command = ["x", "{mountpoint}"]
)",
                {}, dirs);
  // Each is refused for the place; the second is not also reported as a duplicate of the first.
  CHECK_THAT(r.errors, Catch::Contains("config.toml:4: mount \"a\": mountpoint:"));
  CHECK_THAT(r.errors, Catch::Contains("config.toml:9: mount \"b\": mountpoint:"));
  CHECK_THAT(r.errors, !Catch::Contains("already used"));
  REQUIRE(r.mounts.size() == 2);
  CHECK(r.mounts[0].mountpoint.empty());
}

TEST_CASE("mounts: an element of mount that is not a table is reported") {
  toml::table doc = toml::parse("mount = [1]\n");
  cfg::Diagnostics diag("config.toml");
  auto mounts = cfg::read_mounts(*doc["mount"].as_array(), {}, {}, diag);
  CHECK(mounts.empty());
  CHECK_THAT(diag.text(), Catch::Contains("config.toml:1: mount: must be an array of tables"));
}
