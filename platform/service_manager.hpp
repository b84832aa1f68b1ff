#pragma once
// What `mountctl doctor` asks the service manager of this OS (systemd on Linux, launchd on
// macOS) about mount-broker's jobs, and the commands that fix a job that is not loaded. Only
// the plan lives here; doctor runs each query as a child with a deadline, without a shell.
#include <string>
#include <string_view>
#include <vector>

namespace mb::platform {

struct ServiceQuery {
  std::string state;              // what exit status 0 means: "enabled", "active", "loaded"
  std::vector<std::string> argv;  // argv[0] absolute or a bare name found in PATH
};

struct ServiceJob {
  std::string name;                   // "mount-broker.socket", "system/org.mount-broker.broker"
  std::string purpose;                // why it matters, for the message
  std::vector<ServiceQuery> queries;  // all must exit 0 for the job to be in order
  std::string fix;                    // the command that installs, loads or enables it
};

struct ServiceManager {
  std::string name;         // "systemd", "launchd"
  std::string unavailable;  // why it cannot be asked here; empty when it can
  std::vector<ServiceJob> jobs;
  // The command that makes the service manager listen on the control socket.
  std::string socket_fix;
};

ServiceManager service_manager();

// Whether systemd runs this machine (is PID 1); always false off Linux.
bool systemd_running();

// The socket fix where inetd owns the socket: the broker's inetd line is installed next to
// the example config (`example_config`, util::kExampleConfig), in .../share/mount-broker.
inline std::string inetd_socket_fix(std::string_view example_config) {
  const std::size_t slash = example_config.rfind('/');
  const std::string_view dir =
      slash == std::string_view::npos ? std::string_view(".") : example_config.substr(0, slash);
  return "add the mount-broker line of " + std::string(dir) +
         "/inetd.conf to /etc/inetd.conf, then reload inetd";
}

}  // namespace mb::platform
