#include "broker/logging/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <spdlog/spdlog.h>
#include <syslog.h>

#include <algorithm>

#include "broker/logging/line_formatter.hpp"
#include "platform/journal_stream.hpp"

namespace mb::broker::logging {
namespace {

Target g_target = Target::stderr_;
std::shared_ptr<RotatingFile> g_file;  // the file target while a broker holds the state lock

}  // namespace

void setup(Target target, const std::string& level) {
  g_target = target;
  std::shared_ptr<spdlog::logger> logger;
  if (target == Target::syslog) {
    logger = spdlog::syslog_logger_mt("mount-broker", "mount-broker", LOG_PID, LOG_DAEMON);
    logger->set_pattern("%v");  // syslog adds time, host and pid
  } else {
    logger = spdlog::stderr_logger_st("mount-broker");
    // Under systemd, journald keeps each line's level only if the line says it.
    logger->set_formatter(std::make_unique<LineFormatter>(
        platform::stderr_is_journal() ? LineStyle::journal : LineStyle::full));
  }
  spdlog::set_default_logger(logger);
  set_level(level);
}

void set_level(const std::string& level) {
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::flush_on(spdlog::level::trace);
}

const char* target_name() {
  return g_target == Target::syslog ? "syslog" : "stderr";
}

util::Status use_file(const FileSettings& settings) {
  if (g_file && g_file->settings() == settings) return util::ok_status();
  if (!g_file && settings.path.empty()) return util::ok_status();
  close_file();
  if (settings.path.empty()) return util::ok_status();
  auto file = RotatingFile::open(settings);
  if (!file) return util::error(file.error());
  g_file = std::move(*file);
  // The file always gets full lines: syslog's own records carry only the message.
  g_file->set_formatter(std::make_unique<LineFormatter>());
  spdlog::default_logger()->sinks().push_back(g_file);
  return util::ok_status();
}

void close_file() {
  if (!g_file) return;
  auto& sinks = spdlog::default_logger()->sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), g_file), sinks.end());
  g_file.reset();
}

}  // namespace mb::broker::logging
