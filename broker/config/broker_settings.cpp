#include "broker/config/broker_settings.hpp"

#include <sys/un.h>

#include <string>

#include "broker/config/paths.hpp"
#include "util/build_config.hpp"

namespace mb::broker::config {
namespace {

constexpr std::array<std::string_view, 7> kLogLevels{"trace", "debug",    "info", "warn",
                                                     "error", "critical", "off"};

void read_socket(TableReader& reader, BrokerSettings& out) {
  auto socket = reader.string("socket");
  if (!socket) return;
  if (!is_absolute_path(*socket)) {
    reader.error("socket", "must be an absolute path, got " + quoted(*socket));
    return;
  }
  // sun_path holds the path and its terminating NUL.
  if (socket->size() >= sizeof(sockaddr_un{}.sun_path)) {
    reader.error("socket", "path is too long for a unix socket (at most " +
                               std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) + " bytes)");
    return;
  }
  out.socket = std::move(*socket);
}

void read_state_dir(TableReader& reader, BrokerSettings& out) {
  auto dir = reader.string("state_dir");
  if (!dir) return;
  if (!is_absolute_path(*dir)) {
    reader.error("state_dir", "must be an absolute path, got " + quoted(*dir));
    return;
  }
  out.state_dir = std::move(*dir);
}

void read_log_level(TableReader& reader, BrokerSettings& out) {
  auto level = reader.string("log_level");
  if (!level) return;
  for (std::string_view known : kLogLevels) {
    if (*level == known) {
      out.log_level = std::move(*level);
      return;
    }
  }
  reader.error("log_level", "must be one of trace, debug, info, warn, error, critical, off, got " +
                                quoted(*level));
}

}  // namespace

BrokerSettings default_broker() {
  BrokerSettings out;
  out.socket = util::kDefaultSocket;
  out.state_dir = util::kDefaultStateDir;
  out.credentials_dir = util::kDefaultCredentialsDir;
  return out;
}

BrokerSettings read_broker(TableReader& reader) {
  BrokerSettings out = default_broker();
  reader.reject_unknown(kBrokerKeys);
  read_socket(reader, out);
  read_state_dir(reader, out);
  if (auto dir = reader.string("credentials_dir")) {
    if (!is_absolute_path(*dir))
      reader.error("credentials_dir", "must be an absolute path, got " + quoted(*dir));
    else
      out.credentials_dir = std::move(*dir);
  }
  if (auto v = reader.integer("idle_exit_sec", 1, 86400)) out.idle_exit_sec = *v;
  if (auto group = reader.string("admin_group")) {
    if (group->empty()) {
      reader.error("admin_group",
                   "must not be empty (name the group allowed to administer "
                   "mounts, e.g. \"wheel\")");
    } else {
      out.admin_group = std::move(*group);
    }
  }
  read_log_level(reader, out);
  if (auto v = reader.integer("max_parallel_probes", 1, 1024)) out.max_parallel_probes = *v;
  return out;
}

}  // namespace mb::broker::config
