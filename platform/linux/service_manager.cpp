// systemd: the socket unit and the sweep timer must be enabled (they come back after a reboot)
// and active (listening, counting). mount-broker.service has no [Install]: the socket starts it.
#include "platform/service_manager.hpp"

#include <sys/stat.h>

#include "util/build_config.hpp"

namespace mb::platform {
namespace {

// sd_booted() tests the same directory: it exists only while systemd is PID 1.
constexpr const char* kSystemdRunDir = "/run/systemd/system";

ServiceJob unit(const std::string& name, const std::string& purpose) {
  return {name,
          purpose,
          {{"enabled", {"systemctl", "is-enabled", name}},
           {"active", {"systemctl", "is-active", name}}},
          "systemctl enable --now " + name};
}

}  // namespace

bool systemd_running() {
  struct stat st {};
  return ::lstat(kSystemdRunDir, &st) == 0 && S_ISDIR(st.st_mode);
}

ServiceManager service_manager() {
  ServiceManager m;
  m.name = "systemd";
  const bool systemd = systemd_running();
  if (!systemd) {
    m.unavailable = std::string("not running here (no ") + kSystemdRunDir +
                    "), so it cannot be asked; if inetd starts the broker, its mount-broker "
                    "line in /etc/inetd.conf and the sweep's cron line are not checked";
  }
  m.jobs = {unit("mount-broker.socket", "owns the control socket and starts the broker"),
            unit("mount-broker-sweep.timer", "runs the sweep that probes and recovers shares")};
  // Without systemd, systemctl cannot help: inetd is what owns the socket then.
  m.socket_fix = systemd ? "systemctl enable --now mount-broker.socket"
                         : inetd_socket_fix(util::kExampleConfig);
  return m;
}

}  // namespace mb::platform
