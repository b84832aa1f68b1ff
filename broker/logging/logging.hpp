#pragma once
// Where the broker's log lines go. One line per event, the mount name first.
#include <string>

namespace mb::broker::logging {

enum class Target {
  stderr_,  // launchd StandardErrorPath, journald, a terminal
  syslog,   // inetd modes: fds 0-2 are the client socket, never write there
};

void setup(Target target, const std::string& level);
// Changes the level once the config is known.
void set_level(const std::string& level);

}  // namespace mb::broker::logging
