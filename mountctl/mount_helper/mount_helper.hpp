#pragma once
// mount.mount-broker: the mount(8) helper for the type "mount-broker", so that an fstab line
// (`photos /mnt/photos mount-broker noauto,x-systemd.automount 0 0`) or an autofs map entry
// (`photos -fstype=mount-broker :photos`) mounts a configured share on first access. The
// share is mounted by the broker (a `mount` request, waited for), so it is supervised, probed
// and recovered like any other; no process of ours stays resident. It is the mountctl binary
// under another name (main.cpp looks at argv[0]).

namespace mb::ctl::mount_helper {

// mount(8)'s helper exit statuses: 0 mounted, 1 bad invocation, 32 mount failure.
int run(int argc, char** argv);

}  // namespace mb::ctl::mount_helper
