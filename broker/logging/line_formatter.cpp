#include "broker/logging/line_formatter.hpp"

#include <string_view>

namespace mb::broker::logging {

LineFormatter::LineFormatter() : pattern_(kLinePattern) {}

void LineFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  std::string_view text(msg.payload.data(), msg.payload.size());
  // A trailing newline would only add an empty line.
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  spdlog::details::log_msg line = msg;
  while (true) {
    const std::size_t end = text.find('\n');
    const std::string_view part = text.substr(0, end);
    line.payload = spdlog::string_view_t(part.data(), part.size());
    pattern_.format(line, dest);
    if (end == std::string_view::npos) return;
    text.remove_prefix(end + 1);
  }
}

std::unique_ptr<spdlog::formatter> LineFormatter::clone() const {
  return std::make_unique<LineFormatter>();
}

}  // namespace mb::broker::logging
