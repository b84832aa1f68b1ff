#include "broker/logging/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/syslog_sink.h>
#include <spdlog/spdlog.h>
#include <syslog.h>

namespace mb::broker::logging {

void setup(Target target, const std::string& level) {
  std::shared_ptr<spdlog::logger> logger;
  if (target == Target::syslog) {
    logger = spdlog::syslog_logger_mt("mount-broker", "mount-broker", LOG_PID, LOG_DAEMON);
    logger->set_pattern("%v");  // syslog adds time, host and pid
  } else {
    logger = spdlog::stderr_logger_st("mount-broker");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e mount-broker[%P] %l: %v");
  }
  spdlog::set_default_logger(logger);
  set_level(level);
}

void set_level(const std::string& level) {
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::flush_on(spdlog::level::trace);
}

}  // namespace mb::broker::logging
