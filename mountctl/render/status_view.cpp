#include "mountctl/render/status_view.hpp"

#include <ctime>

#include "mountctl/mount_state.hpp"
#include "mountctl/render/retry.hpp"
#include "mountctl/render/table.hpp"

namespace mb::ctl::render {
bool is_mounted(const proto::MountStatus& m) {
  return mount_state(m).mounted();
}

namespace {

// The state column also says what reconcile found when that is news to a person.
std::string state_cell(const proto::MountStatus& m) {
  using core::state::Finding;
  const auto f = mount_state(m).finding;
  if (f == Finding::lost || f == Finding::conflict || f == Finding::orphan || f == Finding::adopted)
    return m.state + " (" + m.finding + ")";
  return m.state;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

}  // namespace

std::string local_time(std::int64_t t) {
  if (t <= 0) return "-";
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string status_table(const proto::StatusResponse& s, std::int64_t now, std::size_t max_width) {
  std::vector<Row> rows;
  for (const auto& m : s.mounts)
    rows.push_back({m.name, state_cell(m), m.desired, m.mountpoint, m.source, local_time(m.since),
                    retry_cell(m, now), one_line(m.last_error)});
  std::string out =
      table({"NAME", "STATE", "DESIRED", "MOUNTPOINT", "SOURCE", "SINCE", "RETRY", "LAST ERROR"},
            rows, max_width);
  for (const auto& w : s.warnings) out += "warning: " + w + "\n";
  return out;
}

std::string name_list(const proto::StatusResponse& s, bool mounted_only) {
  std::string out;
  for (const auto& m : s.mounts)
    if (!mounted_only || is_mounted(m)) out += m.name + "\n";
  return out;
}

std::string path_list(const proto::StatusResponse& s, bool mounted_only) {
  std::string out;
  for (const auto& m : s.mounts)
    if (!mounted_only || is_mounted(m)) out += m.mountpoint + "\n";
  return out;
}

}  // namespace mb::ctl::render
