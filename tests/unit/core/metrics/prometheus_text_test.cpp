#include "core/metrics/prometheus_text.hpp"

#include <catch2/catch.hpp>

namespace mb::core::metrics {
namespace {

using state::MountRecord;
using state::Phase;

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

state::State sample() {
  state::State s;
  s.counters = {7, 1250, 1700000200};
  MountRecord photos;
  photos.name = "photos";
  photos.phase = Phase::mounted;
  photos.recoveries = 2;
  photos.last_probe_at = 1700000100;
  photos.last_probe_ms = 812;
  photos.failures = {{state::ErrorClass::network, 3}, {state::ErrorClass::unknown, 1}};
  s.mounts.push_back(photos);
  MountRecord backup;
  backup.name = "backup";
  backup.phase = Phase::failed;
  backup.desired = state::Desired::unmounted;
  s.mounts.push_back(backup);
  return s;
}

TEST_CASE("label values escape backslash, double quote and newline, nothing else") {
  CHECK(label_value("a\\b\"c\nd é") == "a\\\\b\\\"c\\nd é");
  CHECK(label_value("") == "");
}

TEST_CASE("each mount has up, its phase and desired state, its counters and its last probe") {
  const std::string t = prometheus_text(sample());
  CHECK(has_line(t, "mount_broker_mount_up{mount=\"photos\"} 1"));
  CHECK(has_line(t, "mount_broker_mount_up{mount=\"backup\"} 0"));
  CHECK(has_line(t, "mount_broker_mount_phase{mount=\"backup\",phase=\"failed\"} 1"));
  CHECK(has_line(t, "mount_broker_mount_desired{mount=\"backup\",desired=\"unmounted\"} 1"));
  CHECK(has_line(t, "mount_broker_mount_recoveries_total{mount=\"photos\"} 2"));
  CHECK(has_line(t, "mount_broker_mount_failures_total{mount=\"photos\",class=\"network\"} 3"));
  CHECK(has_line(t, "mount_broker_mount_failures_total{mount=\"photos\",class=\"unknown\"} 1"));
  CHECK(has_line(t, "mount_broker_mount_last_probe_duration_seconds{mount=\"photos\"} 0.812"));
  CHECK(
      has_line(t, "mount_broker_mount_last_probe_timestamp_seconds{mount=\"photos\"} 1700000100"));
  CHECK(has_line(t, "mount_broker_mount_last_probe_timestamp_seconds{mount=\"backup\"} 0"));
}

TEST_CASE("the broker's activations and last sweep, seconds with a point whatever the value") {
  const std::string t = prometheus_text(sample());
  CHECK(has_line(t, "mount_broker_activations_total 7"));
  CHECK(has_line(t, "mount_broker_last_sweep_duration_seconds 1.250"));
  CHECK(has_line(t, "mount_broker_last_sweep_timestamp_seconds 1700000200"));
}

TEST_CASE("every metric has one HELP and one TYPE line before its samples") {
  const std::string t = prometheus_text(sample());
  for (const char* name :
       {"mount_broker_mount_up", "mount_broker_mount_phase", "mount_broker_mount_desired",
        "mount_broker_mount_recoveries_total", "mount_broker_mount_failures_total",
        "mount_broker_mount_last_probe_duration_seconds",
        "mount_broker_mount_last_probe_timestamp_seconds", "mount_broker_activations_total",
        "mount_broker_last_sweep_duration_seconds", "mount_broker_last_sweep_timestamp_seconds"}) {
    INFO(name);
    const std::string help = "# HELP " + std::string(name) + " ";
    const auto at = t.find(help);
    REQUIRE(at != std::string::npos);
    CHECK(t.find(help, at + 1) == std::string::npos);
    CHECK(t.find("# TYPE " + std::string(name) + " ") > at);
  }
  CHECK(t.back() == '\n');
}

TEST_CASE("a mount name that needs escaping stays one label value") {
  state::State s;
  MountRecord odd;
  odd.name = "a\"b\\c";
  s.mounts.push_back(odd);
  CHECK(has_line(prometheus_text(s), "mount_broker_mount_up{mount=\"a\\\"b\\\\c\"} 0"));
}

TEST_CASE("no mounts: the broker's metrics alone") {
  const std::string t = prometheus_text(state::State{});
  CHECK(has_line(t, "mount_broker_activations_total 0"));
  CHECK(t.find("{mount=") == std::string::npos);
}

}  // namespace
}  // namespace mb::core::metrics
