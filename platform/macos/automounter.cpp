// UNTESTED here (no macOS in CI). macOS automountd reads /etc/auto_master; its "/- -static"
// line mounts /etc/fstab entries, so `automount -cv` applies edits to either.
#include "platform/automounter.hpp"

namespace mb::platform {

AutomounterFiles automounter_files() {
  return {"/etc/fstab",    "/etc/auto_master", "",         "/etc",
          "automount -cv", "automount -cv",    "sed -i ''"};
}

}  // namespace mb::platform
