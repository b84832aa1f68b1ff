#include "core/config/mountpoint_place.hpp"

#include <catch2/catch.hpp>

namespace cfg = mb::core::config;

namespace {

cfg::BrokerSettings broker() {
  cfg::BrokerSettings b;
  b.socket = "/run/mount-broker/broker.sock";
  b.state_dir = "/var/lib/mount-broker/";  // not normal on purpose: compared as a path
  b.credentials_dir = "/srv/secrets/mb";
  return b;
}

std::optional<std::string> problem(const std::string& mountpoint,
                                   const std::string& config = "/opt/mb/config.toml",
                                   const cfg::BrokerSettings& b = broker()) {
  return cfg::mountpoint_place_problem(mountpoint, cfg::protected_dirs(b, config));
}

// The broker's own files out of the way, so that only the system directories speak.
cfg::BrokerSettings broker_elsewhere() {
  cfg::BrokerSettings b;
  b.socket = "/srv/mb/sock";
  b.state_dir = "/srv/mb/state";
  b.credentials_dir = "/srv/mb/credentials";
  return b;
}

}  // namespace

TEST_CASE("a mount point equal to, above or inside state_dir or credentials_dir is refused") {
  for (const char* mp : {"/var/lib/mount-broker", "/var/lib/mount-broker/share", "/srv/secrets/mb",
                         "/srv/secrets", "/srv", "/srv/secrets/mb/x/y"}) {
    INFO(mp);
    auto p = problem(mp);
    REQUIRE(p);
    CHECK_THAT(*p, Catch::Contains("state_dir") || Catch::Contains("credentials_dir"));
  }
  CHECK_THAT(*problem("/srv/secrets"), Catch::Contains("would hide credentials_dir"));
  CHECK_THAT(*problem("/var/lib/mount-broker/share"), Catch::Contains("is inside state_dir"));
}

TEST_CASE("a mount point equal to or above the socket's or the config's directory is refused") {
  CHECK_THAT(*problem("/run/mount-broker"), Catch::Contains("the directory of the socket"));
  CHECK_THAT(*problem("/opt/mb"), Catch::Contains("the directory of this config file"));
  CHECK_THAT(*problem("/opt"), Catch::Contains("the directory of this config file"));
  // Below them is allowed: nothing of the broker's is hidden.
  CHECK_FALSE(problem("/opt/mb/share"));
  CHECK_FALSE(problem("/run/mount-broker/share"));
  // A relative config path (a test, --check-config of a relative name) names no directory.
  CHECK_FALSE(problem("/opt/mb", "config.toml"));
}

TEST_CASE("system directories: never over them, and nothing inside programs or the kernel's") {
  for (const char* mp : {"/run", "/tmp", "/var", "/var/lib", "/var/log", "/usr", "/usr/local/bin",
                         "/etc/x", "/proc/sys", "/sys/fs/fuse", "/dev/shm", "/boot/efi", "/bin",
                         "/lib/x", "/root/share", "/System/Library", "/private/var", "/Volumes"}) {
    INFO(mp);
    auto p = problem(mp, "config.toml", broker_elsewhere());
    REQUIRE(p);
    CHECK_THAT(*p, Catch::Contains("a system directory"));
  }
}

TEST_CASE("the broker's own directories give the reason before the system directory they are in") {
  CHECK_THAT(*problem("/var"), Catch::Contains("would hide state_dir"));
  CHECK_THAT(*problem("/run"), Catch::Contains("the directory of the socket"));
}

TEST_CASE("the usual places for shares are accepted") {
  for (const char* mp : {"/mnt/photos", "/media/usb", "/srv/share", "/home/alice/mnt/photos",
                         "/home", "/Volumes/photos", "/Users/alice/shares/x", "/net/nas/x",
                         "/run/media/alice/x", "/tmp/mbtest.abc/mnt/a", "/var/www/data",
                         "/opt/data", "/usrdata", "/etcetera", "/runner"}) {
    INFO(mp);
    CHECK_FALSE(problem(mp));
  }
}

TEST_CASE("mount points nest when one is inside the other, in either order") {
  CHECK(cfg::nesting_problem("/mnt/a/b", "/mnt/a") == "is inside the mount point \"/mnt/a\"");
  CHECK(cfg::nesting_problem("/mnt/a", "/mnt/a/b") == "contains the mount point \"/mnt/a/b\"");
  CHECK_FALSE(cfg::nesting_problem("/mnt/ab", "/mnt/a"));
  CHECK_FALSE(cfg::nesting_problem("/mnt/a", "/mnt/b"));
  CHECK_FALSE(cfg::nesting_problem("/mnt/a", "/mnt/a"));  // a duplicate, reported as such
}
