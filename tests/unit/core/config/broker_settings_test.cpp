// The [broker] keys of core/config/broker_settings.cpp, through the loader's parse(): here
// the log file keys; the older keys are covered by config_loader_test.cpp.
#include "core/config/broker_settings.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "core/config/config_loader.hpp"

namespace cfg = mb::core::config;

namespace {

std::string settings_refusal(std::string_view text) {
  auto result = cfg::parse(text, "config.toml");
  REQUIRE_FALSE(result.ok());
  return result.error();
}

cfg::BrokerSettings accepted_settings(std::string_view text) {
  auto result = cfg::parse(text, "config.toml");
  INFO((result.ok() ? std::string() : result.error()));
  REQUIRE(result.ok());
  return result.value().broker;
}

}  // namespace

TEST_CASE("without log_file there is no log file, and rotation defaults to 10 MiB and 5 files") {
  const auto b = accepted_settings("[broker]\n");
  CHECK(b.log_file.empty());
  CHECK(b.log_max_size_mb == 10);
  CHECK(b.log_max_files == 5);
  CHECK(cfg::log_max_bytes(b) == 10u * 1024 * 1024);
  CHECK(accepted_settings("").log_file.empty());
}

TEST_CASE("log_file, log_max_size_mb and log_max_files are read, fractions of a MiB included") {
  const auto b = accepted_settings(
      "[broker]\nlog_file = \"/var/log/mount-broker.log\"\nlog_max_size_mb = 0.5\n"
      "log_max_files = 3\n");
  CHECK(b.log_file == "/var/log/mount-broker.log");
  CHECK(b.log_max_size_mb == 0.5);
  CHECK(b.log_max_files == 3);
  CHECK(cfg::log_max_bytes(b) == 512u * 1024);
  CHECK(accepted_settings("[broker]\nlog_max_size_mb = 20\n").log_max_size_mb == 20);
}

TEST_CASE("an empty log_file means no log file") {
  CHECK(accepted_settings("[broker]\nlog_file = \"\"\n").log_file.empty());
}

TEST_CASE("a log_file that is relative, a directory or has control characters is refused") {
  CHECK(settings_refusal("[broker]\nlog_file = \"mount-broker.log\"\n") ==
        "config.toml:2: [broker] log_file: must be an absolute path, or \"\" for no log file, got "
        "\"mount-broker.log\"");
  CHECK(settings_refusal("[broker]\nlog_file = \"/var/log/\"\n") ==
        "config.toml:2: [broker] log_file: must name a file, not a directory, got \"/var/log/\" "
        "(e.g. \"/var/log/mount-broker.log\")");
  CHECK(settings_refusal("[broker]\nlog_file = \"/var/log/a\\nb\"\n") ==
        "config.toml:2: [broker] log_file: must not contain control characters");
  CHECK(settings_refusal("[broker]\nlog_file = 5\n") ==
        "config.toml:2: [broker] log_file: must be a string, got an integer");
}

TEST_CASE("log rotation sizes and counts out of range are refused with file, line and key") {
  CHECK(settings_refusal("[broker]\nlog_max_size_mb = 0\nlog_max_files = 0\n") ==
        "config.toml:2: [broker] log_max_size_mb: must be between 0.001 and 4096, got 0\n"
        "config.toml:3: [broker] log_max_files: must be between 1 and 100, got 0");
  CHECK(settings_refusal("[broker]\nlog_max_size_mb = \"10M\"\n") ==
        "config.toml:2: [broker] log_max_size_mb: must be a number, got a string");
  CHECK(settings_refusal("[broker]\nlog_max_files = 101\n") ==
        "config.toml:2: [broker] log_max_files: must be between 1 and 100, got 101");
}

TEST_CASE("a misspelt log key gets a suggestion") {
  CHECK(settings_refusal("[broker]\nlog_fle = \"/x.log\"\n") ==
        "config.toml:2: [broker] log_fle: unknown key; remove it or fix the spelling (did you "
        "mean log_file?)");
}

TEST_CASE("log_max_bytes never rounds a tiny size down to nothing") {
  cfg::BrokerSettings b;
  b.log_max_size_mb = 0.001;
  CHECK(cfg::log_max_bytes(b) == 1048);
}

namespace {

// A [broker] table with `broker_keys` and one command mount at /mnt/scratch.
std::string with_mount(const std::string& broker_keys) {
  return "[broker]\n" + broker_keys +
         "\n[[mount]]\nname = \"scratch\"\ntype = \"command\"\nmountpoint = \"/mnt/scratch\"\n"
         "command = [\"bindfs\", \"/srv/scratch\", \"{mountpoint}\"]\n"
         "source = \"/srv/scratch\"\n";
}

}  // namespace

TEST_CASE("a log_file at or under a mount point is refused: a dead server would hang the broker") {
  const std::string why =
      "config.toml:2: [broker] log_file: must not be under the mount point of mount \"scratch\" "
      "(\"/mnt/scratch\"): a share whose server stops answering would hang the broker; put the "
      "log file on a local disk, e.g. \"/var/log/mount-broker.log\"";
  CHECK(settings_refusal(with_mount("log_file = \"/mnt/scratch/logs/broker.log\"")) == why);
  CHECK(settings_refusal(with_mount("log_file = \"/mnt/scratch\"")) == why);
  CHECK(settings_refusal(with_mount("log_file = \"/mnt/other/../scratch//broker.log\"")) == why);
  CHECK(accepted_settings(with_mount("log_file = \"/mnt/scratch.log\"")).log_file ==
        "/mnt/scratch.log");
  CHECK(accepted_settings(with_mount("log_file = \"/mnt/scratch2/b.log\"")).log_file ==
        "/mnt/scratch2/b.log");
}

TEST_CASE("a log_file inside state_dir or credentials_dir is refused") {
  // A slip like ".../state.json" would append log lines to the broker's state file.
  CHECK(settings_refusal(
            "[broker]\nstate_dir = \"/var/lib/mb/\"\nlog_file = \"/var/lib/mb/state.json\"\n") ==
        "config.toml:3: [broker] log_file: must not be inside state_dir \"/var/lib/mb/\" (the "
        "broker's state files are there); use e.g. \"/var/log/mount-broker.log\"");
  CHECK(settings_refusal("[broker]\ncredentials_dir = \"/etc/mb/creds\"\n"
                         "log_file = \"/etc/mb/creds/./photos\"\n") ==
        "config.toml:3: [broker] log_file: must not be inside credentials_dir \"/etc/mb/creds\" "
        "(the password files are there); use e.g. \"/var/log/mount-broker.log\"");
  // The built-in state_dir counts when the file does not set one.
  const auto defaults = cfg::default_broker();
  CHECK(settings_refusal("[broker]\nlog_file = \"" + defaults.state_dir + "/broker.log\"\n")
            .find("must not be inside state_dir") != std::string::npos);
  CHECK(accepted_settings("[broker]\nstate_dir = \"/var/lib/mb\"\nlog_file = \"/var/lib/mb.log\"\n")
            .log_file == "/var/lib/mb.log");
}

TEST_CASE("metrics_file: none by default, an absolute file path, refused where log_file is") {
  CHECK(accepted_settings("[broker]\n").metrics_file.empty());
  CHECK(accepted_settings("[broker]\nmetrics_file = \"\"\n").metrics_file.empty());
  CHECK(accepted_settings("[broker]\nmetrics_file = \"/var/lib/node-exporter/mb.prom\"\n")
            .metrics_file == "/var/lib/node-exporter/mb.prom");
  CHECK(settings_refusal("[broker]\nmetrics_file = \"mb.prom\"\n") ==
        "config.toml:2: [broker] metrics_file: must be an absolute path, or \"\" for no metrics "
        "file, got \"mb.prom\"");
  CHECK(settings_refusal("[broker]\nmetrics_file = \"/var/lib/\"\n") ==
        "config.toml:2: [broker] metrics_file: must name a file, not a directory, got "
        "\"/var/lib/\" (e.g. \"/var/lib/prometheus/node-exporter/mount-broker.prom\")");
  // Written when each activation ends: under a dead share's mount point it would hang the exit.
  CHECK(settings_refusal(with_mount("metrics_file = \"/mnt/scratch/mb.prom\"")) ==
        "config.toml:2: [broker] metrics_file: must not be under the mount point of mount "
        "\"scratch\" (\"/mnt/scratch\"): a share whose server stops answering would hang the "
        "broker; put the metrics file on a local disk, e.g. "
        "\"/var/lib/prometheus/node-exporter/mount-broker.prom\"");
  CHECK(settings_refusal(
            "[broker]\nstate_dir = \"/var/lib/mb\"\nmetrics_file = \"/var/lib/mb/state.json\"\n")
            .find("metrics_file: must not be inside state_dir") != std::string::npos);
}
