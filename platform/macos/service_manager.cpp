// UNTESTED here (no macOS in CI). launchd: each job is loaded when `launchctl print
// system/LABEL` succeeds; the plists are installed in /Library/LaunchDaemons.
#include "platform/service_manager.hpp"

namespace mb::platform {
namespace {

constexpr const char* kDaemonsDir = "/Library/LaunchDaemons";

ServiceJob job(const std::string& label, const std::string& purpose) {
  return {"system/" + label,
          purpose,
          {{"loaded", {"/bin/launchctl", "print", "system/" + label}}},
          std::string("launchctl bootstrap system ") + kDaemonsDir + "/" + label + ".plist"};
}

}  // namespace

bool systemd_running() {
  return false;
}

ServiceManager service_manager() {
  ServiceManager m;
  m.name = "launchd";
  m.jobs = {job("org.mount-broker.broker", "owns the control socket and starts the broker"),
            job("org.mount-broker.sweep", "runs the sweep that probes and recovers shares"),
            job("org.mount-broker.netchange", "runs a sweep when the network changes")};
  m.socket_fix = m.jobs.front().fix;
  return m;
}

}  // namespace mb::platform
