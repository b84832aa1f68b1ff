// autofs reads /etc/auto.master (whose stock version includes /etc/auto.master.d); systemd
// turns /etc/fstab into mount units, so an fstab edit takes effect after a daemon-reload.
#include "platform/automounter.hpp"

#include "platform/service_manager.hpp"

namespace mb::platform {

AutomounterFiles automounter_files() {
  const bool systemd = systemd_running();
  return {"/etc/fstab",
          "/etc/auto.master",
          "/etc/auto.master.d",
          "/etc",
          systemd ? "systemctl reload autofs" : "/etc/init.d/autofs reload",
          systemd ? "systemctl daemon-reload" : "",
          "sed -i"};
}

}  // namespace mb::platform
