#include "mountctl/journal.hpp"

#include "mountctl/doctor/program_path.hpp"
#include "mountctl/doctor/run_command.hpp"

namespace mb::ctl {

std::vector<std::string> journal_lines_about(std::string_view out, std::string_view name,
                                             std::size_t max) {
  // "2026-11-21T20:18:45+0000 host mount-broker[42]: [info: ]photos: mounted": the name comes
  // after a space, right before ": ".
  const std::string needle = " " + std::string(name) + ": ";
  std::vector<std::string> lines;
  while (!out.empty()) {
    auto end = out.find('\n');
    std::string_view line = out.substr(0, end);
    out = end == std::string_view::npos ? std::string_view{} : out.substr(end + 1);
    if (line.find(needle) != std::string_view::npos) lines.emplace_back(line);
  }
  if (lines.size() > max)
    lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(max));
  return lines;
}

render::LogLines journal_log(const std::string& name, std::size_t max) {
  render::LogLines log;
  const char* path = std::getenv("PATH");
  auto journalctl = doctor::find_program("journalctl", path ? path : "/usr/bin:/bin");
  if (!journalctl.found) {
    log.note = "the broker has no log_file and there is no journal here; set [broker] log_file";
    return log;
  }
  auto r = doctor::run_command({*journalctl.found, "--no-pager", "--quiet", "-o", "short-iso", "-u",
                                "mount-broker.service", "-n", "1000"},
                               std::chrono::seconds(5));
  if (!r.ran || r.exit_code != 0) {
    log.note = "journalctl could not read the journal (" +
               (r.ran ? "exit " + std::to_string(r.exit_code) : r.error) +
               "); try as root, or set [broker] log_file";
    return log;
  }
  log.from = "the journal, mount-broker.service";
  log.lines = journal_lines_about(r.out, name, max);
  if (log.lines.empty())
    log.note = "none about " + name + " in the journal of mount-broker.service";
  return log;
}

}  // namespace mb::ctl
