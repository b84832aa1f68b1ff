#pragma once
// Where the broker's log lines go. One line per event, the mount name first. The format is
// documented in docs/LOGGING.md.
#include <string>

#include "broker/logging/rotating_file.hpp"
#include "util/result.hpp"

namespace mb::broker::logging {

enum class Target {
  stderr_,  // launchd StandardErrorPath, journald, a terminal
  syslog,   // inetd modes: fds 0-2 are the client socket, never write there
};

void setup(Target target, const std::string& level);
// Changes the level once the config is known.
void set_level(const std::string& level);
// "stderr" or "syslog": the target chosen by setup(), for messages.
const char* target_name();

// Adds the rotating log file beside stderr or syslog, replaces it when the settings changed,
// or removes it (empty path); the same settings again change nothing. Only the broker that
// holds the state lock may call this, so that a broker waiting for the lock writes nothing
// before the previous one is done; brokers with different state directories are kept apart
// by the file's own lock (a file locked by another process is refused). An error leaves no
// file target; logging goes on without it.
util::Status use_file(const FileSettings& settings);
// Removes the log file target, if any (before the state lock is released).
void close_file();

}  // namespace mb::broker::logging
