#include "mountctl/render/monitor_line.hpp"

#include <algorithm>

#include "mountctl/render/status_view.hpp"

namespace mb::ctl::render {
namespace {

bool has(const proto::Event& e, const char* change) {
  return std::find(e.changes.begin(), e.changes.end(), change) != e.changes.end();
}

std::string state_line(const proto::Event& e) {
  const auto& m = e.mount;
  std::string out = m.name + ": ";
  if (has(e, "phase") && !e.from.empty())
    out += e.from + " -> " + m.state;
  else
    out += m.state;
  if (has(e, "phase") && !m.reason.empty()) out += " (" + m.reason + ")";
  if (has(e, "desired")) out += ", wanted " + m.desired;
  if (has(e, "recoveries")) out += ", recoveries " + std::to_string(m.recoveries);
  if (has(e, "error")) {
    if (m.last_error.empty())
      out += ", error cleared";
    else
      out += ": " + (m.error_class.empty() ? "" : m.error_class + ": ") + m.last_error;
  }
  return out;
}

}  // namespace

std::string monitor_line(const proto::Event& e) {
  if (e.kind == "state") return state_line(e);
  if (e.kind == "hello")
    return "watching mount-broker " + e.version + " (pid " + std::to_string(e.pid) + ")";
  if (e.kind == "sweep-start") return "sweep started";
  if (e.kind == "sweep-end")
    return "sweep done in " + std::to_string(e.duration_ms) +
           " ms: " + (e.healthy ? "all healthy" : "something is unhealthy");
  return e.kind;  // a kind from a newer broker: at least its name
}

std::string time_of_day(std::int64_t unix_seconds) {
  // The time of day of status's "2026-11-21 19:40:05": one way of writing local time.
  const std::string full = local_time(unix_seconds);
  return full.size() > 11 ? full.substr(11) : full;
}

}  // namespace mb::ctl::render
