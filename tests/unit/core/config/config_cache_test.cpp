#include "core/config/config_cache.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "core/config/config_loader.hpp"

namespace cfg = mb::core::config;

namespace {

constexpr std::string_view kText = R"([broker]
socket = "/run/mb-test.sock"
state_dir = "/var/lib/mb-test"
idle_exit_sec = 20
admin_group = "staff"
log_level = "debug"
max_parallel_probes = 8
log_max_size_mb = 2.5

[defaults]
options = ["soft", "nodev"]
auto_mount = false
recover_backoff_sec = [1, 2]
idle_unmount_min = 10

[[mount]]
name = "photos"
type = "smb"
server = "nas.local"
share = "photos"
username = "alice"
mountpoint = "/Volumes/photos"
credential = "file"
local_user = "alice"
probe_interval_sec = 120
options = ["soft", "vers=3.0"]

[[mount]]
name = "scratch"
type = "command"
mountpoint = "/mnt/scratch"
command = ["bindfs", "/srv/scratch", "{mountpoint}"]
source = "/srv/scratch"
probe_path = "marker"

[[mount]]
name = "behind"
type = "smb"
server = "files.internal"
share = "team"
mountpoint = "/mnt/behind"
tunnel = "ssh://tunnel@gateway.example.org:2222"
tunnel_identity = "/etc/mb/tunnel_ed25519"
tunnel_known_hosts = "/etc/mb/known_hosts"
tunnel_port = 4450

[[mount]]
name = "filer"
type = "nfs"
server = "fd00::10"
share = "/export"
mountpoint = "/mnt/filer"
)";

constexpr std::string_view kBuild = "1.0 /usr/sbin/mount-broker 2049 1234 5678 1700000000";

cfg::Config parsed() {
  auto c = cfg::parse(kText, "/etc/mb/config.toml");
  REQUIRE(c);
  c->mounts[0].local_uid = 1000;  // as resolve_local_users leaves it
  c->mounts[0].local_gid = 100;
  return std::move(*c);
}

}  // namespace

TEST_CASE("config cache: the compact form gives back the config parse() made") {
  const cfg::Config c = parsed();
  const std::string blob = cfg::encode_cache(c, kText, kBuild);
  auto back = cfg::decode_cache(blob, kText, c.path, kBuild);
  REQUIRE(back);
  CHECK(back->path == c.path);
  CHECK(back->broker.socket == c.broker.socket);
  CHECK(back->broker.state_dir == c.broker.state_dir);
  CHECK(back->broker.idle_exit_sec == 20);
  CHECK(back->broker.admin_group == "staff");
  CHECK(back->broker.log_level == "debug");
  CHECK(back->broker.max_parallel_probes == 8);
  CHECK(back->broker.credentials_dir == c.broker.credentials_dir);
  CHECK(back->broker.log_max_size_mb == 2.5);
  CHECK(back->broker.log_max_files == c.broker.log_max_files);
  CHECK(back->defaults == c.defaults);
  REQUIRE(back->mounts.size() == 4);
  for (std::size_t i = 0; i < c.mounts.size(); ++i) CHECK(back->mounts[i] == c.mounts[i]);
  CHECK(back->mounts[0].local_uid == 1000);
  CHECK(back->mounts[2].tunnel == "ssh://tunnel@gateway.example.org:2222");
  CHECK(back->mounts[2].tunnel_port == 4450);
  CHECK(back->mounts[3].source == "[fd00::10]:/export");
  REQUIRE(back->find("scratch") != nullptr);  // the look-up by name works on the copy
  CHECK(back->find("scratch")->settings.probe_path == "marker");
}

TEST_CASE("config cache: any change of the text, the path or the build is a miss") {
  const cfg::Config c = parsed();
  const std::string blob = cfg::encode_cache(c, kText, kBuild);
  std::string text(kText);
  SECTION("one byte of the text") {
    text[text.find("120")] = '9';
    CHECK_FALSE(cfg::decode_cache(blob, text, c.path, kBuild));
  }
  SECTION("a comment or a blank line added") {
    CHECK_FALSE(cfg::decode_cache(blob, text + "\n", c.path, kBuild));
    CHECK_FALSE(cfg::decode_cache(blob, "# note\n" + text, c.path, kBuild));
  }
  SECTION("the text cut short") {
    CHECK_FALSE(cfg::decode_cache(blob, text.substr(0, text.size() - 1), c.path, kBuild));
    CHECK_FALSE(cfg::decode_cache(blob, "", c.path, kBuild));
  }
  SECTION("another path: messages and the path rules name it") {
    CHECK_FALSE(cfg::decode_cache(blob, kText, "/etc/mb/other.toml", kBuild));
  }
  SECTION("another build") {
    CHECK_FALSE(cfg::decode_cache(blob, kText, c.path,
                                  "1.0 /usr/sbin/mount-broker 2049 1234 5678 1700000001"));
  }
}

TEST_CASE("config cache: a truncated, corrupt or other-format cache is no cache") {
  const cfg::Config c = parsed();
  const std::string blob = cfg::encode_cache(c, kText, kBuild);
  for (std::size_t n = 0; n < blob.size(); n += 7) {
    INFO(n);
    CHECK_FALSE(cfg::decode_cache(blob.substr(0, n), kText, c.path, kBuild));
  }
  CHECK_FALSE(cfg::decode_cache(blob + "x", kText, c.path, kBuild));  // trailing bytes
  std::string other_format = blob;
  other_format[blob.find('\n') + 1] = static_cast<char>(cfg::kCacheFormat + 1);
  CHECK_FALSE(cfg::decode_cache(other_format, kText, c.path, kBuild));
  std::string bad_magic = blob;
  bad_magic[0] = 'M';
  CHECK_FALSE(cfg::decode_cache(bad_magic, kText, c.path, kBuild));
  // A credential no version wrote: it follows the last mount's mount point.
  std::string bad_enum = blob;
  const std::size_t type_at = blob.rfind("/mnt/filer") + 10;
  bad_enum[type_at] = 9;
  CHECK_FALSE(cfg::decode_cache(bad_enum, kText, c.path, kBuild));
  CHECK_FALSE(cfg::decode_cache("", kText, c.path, kBuild));
}

TEST_CASE("config cache: every field of a mount is in the compact form") {
  // A field added to MountConfig (or its settings) changes its size: encode it in
  // core/config/config_cache.cpp, bump kCacheFormat, then update the size here. Sizes are
  // those of libstdc++ on a 64-bit machine, where the tests run.
  if (sizeof(std::string) != 32 || sizeof(void*) != 8) return;
  CHECK(sizeof(cfg::MountSettings) == 112);
  CHECK(sizeof(cfg::MountConfig) == 504);
  CHECK(sizeof(cfg::BrokerSettings) == 256);
}

TEST_CASE("config cache: numbers take a byte or two, and an earlier format is no cache") {
  const cfg::Config c = parsed();
  const std::string blob = cfg::encode_cache(c, kText, kBuild);
  // The key holds the text whole; the fields of four mounts and the settings add only a few
  // hundred bytes (eight bytes per number made them well over a kilobyte).
  const std::size_t key = kText.size() + c.path.size() + kBuild.size();
  CHECK(blob.size() < key + 900);
  // Negative numbers come back too (local ids not set are -1).
  cfg::Config negative = c;
  negative.mounts[1].local_uid = -1;
  negative.mounts[1].local_gid = -123456789;
  negative.mounts[1].settings.idle_unmount_min = -0.5;
  auto back = cfg::decode_cache(cfg::encode_cache(negative, kText, kBuild), kText, c.path, kBuild);
  REQUIRE(back);
  CHECK(back->mounts[1] == negative.mounts[1]);
  // Format 1 wrote the format as eight bytes: that cache is ignored, not misread.
  std::string old_format = "mount-broker config cache\n";
  old_format += std::string("\x01\0\0\0\0\0\0\0", 8);
  old_format += blob.substr(old_format.size() - 7);
  CHECK_FALSE(cfg::decode_cache(old_format, kText, c.path, kBuild));
}
