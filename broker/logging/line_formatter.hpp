#pragma once
// The line format of stderr and the log file (docs/LOGGING.md):
//   2026-11-21T20:18:45.120+00:00 mount-broker[4242] info: scratch: mounted -> recovering ...
// A message of several lines (a config's list of problems) becomes several lines, each with
// the full prefix, so that every line of a log can be read on its own.
#include <spdlog/formatter.h>
#include <spdlog/pattern_formatter.h>

#include <memory>

namespace mb::broker::logging {

// Local time with milliseconds and the UTC offset, the pid, the level, the message.
inline constexpr const char* kLinePattern = "%Y-%m-%dT%H:%M:%S.%e%z mount-broker[%P] %l: %v";

class LineFormatter final : public spdlog::formatter {
 public:
  LineFormatter();
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

 private:
  spdlog::pattern_formatter pattern_;
};

}  // namespace mb::broker::logging
