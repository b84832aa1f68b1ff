#pragma once
// The line format of stderr and the log file (docs/LOGGING.md):
//   2026-11-21T20:18:45.120+00:00 mount-broker[4242] info: scratch: mounted -> recovering ...
// When stderr is the journal, a line is the sd-daemon priority prefix and the message:
//   <6>scratch: mounted -> recovering ...
// journald reads the prefix as the line's priority (journalctl -p) and adds the time and
// mount-broker[PID] itself, so the line repeats neither.
// A message of several lines (a config's list of problems) becomes several lines, each with
// the full prefix, so that every line of a log can be read on its own.
#include <spdlog/formatter.h>
#include <spdlog/pattern_formatter.h>

#include <memory>

namespace mb::broker::logging {

// Local time with milliseconds and the UTC offset, the pid, the level, the message.
inline constexpr const char* kLinePattern = "%Y-%m-%dT%H:%M:%S.%e%z mount-broker[%P] %l: %v";

enum class LineStyle {
  full,     // a terminal, launchd's StandardErrorPath, the log file
  journal,  // stderr connected to journald (JOURNAL_STREAM)
};

// The syslog priority sd-daemon(3) prefixes stand for: debug and trace 7, info 6, warning 4,
// error 3, critical 2.
int journal_priority(spdlog::level::level_enum level);

class LineFormatter final : public spdlog::formatter {
 public:
  explicit LineFormatter(LineStyle style = LineStyle::full);
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

 private:
  LineStyle style_;
  spdlog::pattern_formatter pattern_;
};

}  // namespace mb::broker::logging
