#include "mountctl/render/status_view.hpp"

#include <ctime>
#include <deque>
#include <string_view>
#include <vector>

#include "mountctl/mount_state.hpp"
#include "mountctl/render/retry.hpp"
#include "mountctl/render/table.hpp"

namespace mb::ctl::render {
bool is_mounted(const proto::MountStatus& m) {
  return mount_state(m).mounted();
}

namespace {

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

// The state column also says what reconcile found when that is news to a person; "" when the
// state alone says it.
std::string finding_note(const proto::MountStatus& m, const MountState& s) {
  using core::state::Finding;
  const auto f = s.finding;
  if (f == Finding::lost || f == Finding::conflict || f == Finding::orphan || f == Finding::adopted)
    return m.state + " (" + m.finding + ")";
  return "";
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
  // Cells point into the reply where they show a field as it is; only the cells made here
  // are kept, in `made` (a deque: what it holds never moves while it grows).
  std::deque<std::string> made;
  auto keep = [&made](std::string text) -> std::string_view {
    return made.emplace_back(std::move(text));
  };
  std::vector<std::string_view> cells;
  cells.reserve(s.mounts.size() * 8);
  std::int64_t since_shown = 0;
  std::string_view since_cell;
  for (const auto& m : s.mounts) {
    const MountState st = mount_state(m);
    std::string note = finding_note(m, st);
    cells.push_back(m.name);
    cells.push_back(note.empty() ? std::string_view(m.state) : keep(std::move(note)));
    cells.push_back(m.desired);
    cells.push_back(m.mountpoint);
    cells.push_back(m.source);
    // Mounts often share their `since` (one reconcile set it): the time is formatted once.
    if (since_cell.empty() || m.since != since_shown) {
      since_shown = m.since;
      since_cell = keep(local_time(m.since));
    }
    cells.push_back(since_cell);
    std::string retry = retry_cell(m, st, now);
    cells.push_back(retry.empty() ? std::string_view() : keep(std::move(retry)));
    const bool multiline = m.last_error.find('\n') != std::string::npos;
    cells.push_back(multiline ? keep(one_line(m.last_error)) : std::string_view(m.last_error));
  }
  std::string out = cells_table(
      {"NAME", "STATE", "DESIRED", "MOUNTPOINT", "SOURCE", "SINCE", "RETRY", "LAST ERROR"}, cells,
      max_width);
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
