#include "core/metrics/prometheus_text.hpp"

#include <cstdio>
#include <functional>

namespace mb::core::metrics {
namespace {

using state::MountRecord;

// Seconds from milliseconds, exactly: "0.812", never a locale's decimal comma.
std::string seconds(std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ms / 1000),
                static_cast<long long>(ms % 1000));
  return buf;
}

struct Writer {
  std::string out;
  void head(const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  }
  void sample(const char* name, const std::string& labels, const std::string& value) {
    out += name;
    if (!labels.empty()) out += "{" + labels + "}";
    out += " " + value + "\n";
  }
  // One sample per mount.
  void per_mount(const state::State& s, const char* name, const char* type, const char* help,
                 const std::function<std::string(const MountRecord&)>& value) {
    head(name, type, help);
    for (const auto& r : s.mounts) sample(name, mount_label(r), value(r));
  }
  static std::string mount_label(const MountRecord& r) {
    return "mount=\"" + label_value(r.name) + "\"";
  }
};

}  // namespace

std::string label_value(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string prometheus_text(const state::State& s) {
  Writer w;
  w.per_mount(s, "mount_broker_mount_up", "gauge", "1 while the mount is mounted and healthy.",
              [](const MountRecord& r) { return r.phase == state::Phase::mounted ? "1" : "0"; });
  w.head("mount_broker_mount_phase", "gauge", "The mount's current phase (value 1).");
  for (const auto& r : s.mounts)
    w.sample("mount_broker_mount_phase",
             Writer::mount_label(r) + ",phase=\"" + state::to_string(r.phase) + "\"", "1");
  w.head("mount_broker_mount_desired", "gauge", "What a person wants of the mount (value 1).");
  for (const auto& r : s.mounts)
    w.sample("mount_broker_mount_desired",
             Writer::mount_label(r) + ",desired=\"" + state::to_string(r.desired) + "\"", "1");
  w.per_mount(s, "mount_broker_mount_recoveries_total", "counter",
              "Dead or lost shares unmounted and mounted again.",
              [](const MountRecord& r) { return std::to_string(r.recoveries); });
  w.head("mount_broker_mount_failures_total", "counter",
         "Failed mounts, unmounts and probes, by error class.");
  for (const auto& r : s.mounts)
    for (const auto& f : r.failures)
      w.sample("mount_broker_mount_failures_total",
               Writer::mount_label(r) + ",class=\"" + label_value(state::to_string(f.error_class)) +
                   "\"",
               std::to_string(f.count));
  w.per_mount(s, "mount_broker_mount_last_probe_duration_seconds", "gauge",
              "How long the last probe took.",
              [](const MountRecord& r) { return seconds(r.last_probe_ms); });
  w.per_mount(s, "mount_broker_mount_last_probe_timestamp_seconds", "gauge",
              "When the last probe ran (unix time; 0 = never).",
              [](const MountRecord& r) { return std::to_string(r.last_probe_at); });
  w.head("mount_broker_activations_total", "counter",
         "Broker instances that loaded this state directory.");
  w.sample("mount_broker_activations_total", "", std::to_string(s.counters.activations));
  w.head("mount_broker_last_sweep_duration_seconds", "gauge", "How long the last sweep took.");
  w.sample("mount_broker_last_sweep_duration_seconds", "", seconds(s.counters.last_sweep_ms));
  w.head("mount_broker_last_sweep_timestamp_seconds", "gauge",
         "When the last sweep ended (unix time; 0 = never).");
  w.sample("mount_broker_last_sweep_timestamp_seconds", "",
           std::to_string(s.counters.last_sweep_at));
  return w.out;
}

}  // namespace mb::core::metrics
