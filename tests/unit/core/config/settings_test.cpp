#include "core/config/settings.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace mb::core::config;

namespace {

struct SettingsRead {
  MountSettings settings;
  std::string errors;
};

// The keys of one [[mount]] (from line 2) applied over `base`.
SettingsRead read_keys(const std::string& text, const MountSettings& base = {}) {
  toml::table doc = toml::parse("[m]\n" + text);
  Diagnostics diag("config.toml");
  TableReader r(*doc["m"].as_table(), "mount \"a\": ", 1, diag);
  SettingsRead out{read_settings(r, base), ""};
  out.errors = diag.text();
  return out;
}

}  // namespace

TEST_CASE("settings: keys present override the base, absent ones inherit it") {
  MountSettings base;
  base.options = {"soft"};
  base.probe_interval_sec = 77;
  base.failed_retry_sec = 30;
  auto r = read_keys(R"(options = ["soft", "vers=3.0"]
auto_mount = false
probe_timeout_sec = 9
probe_failure_threshold = 5
recover_backoff_sec = [1, 2]
failed_retry_sec = 0
mount_timeout_sec = 20
idle_unmount_min = 0.5
probe_path = "sub/.probe")",
                     base);
  CHECK(r.errors.empty());
  CHECK(r.settings.options == std::vector<std::string>{"soft", "vers=3.0"});
  CHECK_FALSE(r.settings.auto_mount);
  CHECK(r.settings.probe_interval_sec == 77);  // inherited
  CHECK(r.settings.probe_timeout_sec == 9);
  CHECK(r.settings.probe_failure_threshold == 5);
  CHECK(r.settings.recover_backoff_sec == std::vector<int>{1, 2});
  CHECK(r.settings.failed_retry_sec == 0);  // 0 disables the slow retries: allowed
  CHECK(r.settings.mount_timeout_sec == 20);
  CHECK(r.settings.idle_unmount_min == 0.5);  // fractional minutes
  CHECK(r.settings.probe_path == "sub/.probe");
}

TEST_CASE("settings: a refused value is reported and keeps the base") {
  MountSettings base;
  base.probe_interval_sec = 60;
  base.mount_timeout_sec = 30;
  auto r = read_keys(R"(probe_interval_sec = 0
mount_timeout_sec = 3601
probe_failure_threshold = 101
recover_backoff_sec = [0]
idle_unmount_min = -1)",
                     base);
  CHECK(r.settings.probe_interval_sec == 60);
  CHECK(r.settings.mount_timeout_sec == 30);
  CHECK_THAT(r.errors, Catch::Contains("probe_interval_sec: must be between 1 and 86400, got 0"));
  CHECK_THAT(r.errors, Catch::Contains("mount_timeout_sec: must be between 1 and 3600, got 3601"));
  CHECK_THAT(r.errors, Catch::Contains("probe_failure_threshold: must be between 1 and 100"));
  CHECK_THAT(r.errors, Catch::Contains("recover_backoff_sec[0]: must be between 1 and 86400"));
  CHECK_THAT(r.errors, Catch::Contains("idle_unmount_min: must be between 0 and 525600"));
}

TEST_CASE("settings: probe_path must stay inside the share") {
  for (const char* bad : {"/etc/shadow", "", "../outside", "a/../../b"}) {
    auto r = read_keys(std::string("probe_path = \"") + bad + "\"");
    INFO(bad);
    CHECK(r.settings.probe_path.empty());
    CHECK_THAT(r.errors, Catch::Contains("mount \"a\": probe_path: must"));
  }
  CHECK(read_keys("probe_path = \"..hidden/x..\"").settings.probe_path == "..hidden/x..");
}

TEST_CASE("settings: has_option looks through comma-separated elements, whole names only") {
  const std::vector<std::string> options{"soft,vers=3.0", "nodev"};
  CHECK(has_option(options, "soft"));
  CHECK(has_option(options, "vers=3.0"));
  CHECK(has_option(options, "nodev"));
  CHECK_FALSE(has_option(options, "vers"));
  CHECK_FALSE(has_option({}, "soft"));
}
