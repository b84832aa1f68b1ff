#include "mountctl/render/status_detail.hpp"

#include "mountctl/mount_state.hpp"
#include "mountctl/render/retry.hpp"
#include "mountctl/render/status_view.hpp"

namespace mb::ctl::render {
namespace {

// "failure class: ", the longest label, and its space.
constexpr std::size_t kLabelWidth = 15;

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// A field line; continuation lines of a value (a multi-line error) are indented under it.
void field(std::string& out, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  const std::string head = label + ":";
  out += "  " + head + std::string(kLabelWidth - head.size(), ' ');
  for (char c : value)
    out += c == '\n' ? "\n" + std::string(kLabelWidth + 2, ' ') : std::string(1, c);
  out += "\n";
}

std::string phase_line(const proto::MountStatus& m) {
  std::string out = m.state + " since " + local_time(m.since);
  if (!m.reason.empty()) out += " (" + m.reason + ")";
  const auto f = mount_state(m).finding;
  if (f != core::state::Finding::none && f != core::state::Finding::ok)
    out += "; last reconcile: " + m.finding;
  return out;
}

std::string probe_line(const proto::MountStatus& m) {
  if (m.last_probe_at <= 0) return "never";
  return local_time(m.last_probe_at) + ", took " + std::to_string(m.last_probe_ms) + " ms";
}

}  // namespace

std::string status_detail(const proto::MountStatus& m, const LogLines& log, std::int64_t now) {
  std::string out = m.name + (m.type.empty() ? "" : " (" + m.type + ")") + "\n";
  field(out, "phase", phase_line(m));
  field(out, "desired", m.desired);
  field(out, "failure class", m.error_class);
  field(out, "retry", retry_sentence(m, now));
  field(out, "last error", m.last_error);
  field(out, "source", m.source);
  field(out, "mount point", m.mountpoint);
  field(out, "options", joined(m.options, ","));
  field(out, "recoveries", std::to_string(m.recoveries));
  field(out, "last probe", probe_line(m));
  out += "\n";
  if (log.lines.empty()) {
    out += "No recent log lines" + (log.note.empty() ? std::string() : ": " + log.note) + "\n";
    return out;
  }
  out += "Recent log lines (" + log.from + "):\n";
  for (const auto& l : log.lines) out += "  " + l + "\n";
  return out;
}

}  // namespace mb::ctl::render
