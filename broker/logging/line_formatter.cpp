#include "broker/logging/line_formatter.hpp"

#include <string>
#include <string_view>

namespace mb::broker::logging {

int journal_priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::critical:
      return 2;
    case spdlog::level::err:
      return 3;
    case spdlog::level::warn:
      return 4;
    case spdlog::level::info:
      return 6;
    default:
      return 7;  // debug, trace
  }
}

LineFormatter::LineFormatter(LineStyle style)
    : style_(style), pattern_(style == LineStyle::journal ? "%v" : kLinePattern) {}

void LineFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  std::string_view text(msg.payload.data(), msg.payload.size());
  // A trailing newline would only add an empty line.
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  const std::string priority = "<" + std::to_string(journal_priority(msg.level)) + ">";
  spdlog::details::log_msg line = msg;
  while (true) {
    const std::size_t end = text.find('\n');
    const std::string_view part = text.substr(0, end);
    line.payload = spdlog::string_view_t(part.data(), part.size());
    if (style_ == LineStyle::journal)
      dest.append(priority.data(), priority.data() + priority.size());
    pattern_.format(line, dest);
    if (end == std::string_view::npos) return;
    text.remove_prefix(end + 1);
  }
}

std::unique_ptr<spdlog::formatter> LineFormatter::clone() const {
  return std::make_unique<LineFormatter>(style_);
}

}  // namespace mb::broker::logging
