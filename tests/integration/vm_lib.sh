# shellcheck shell=bash
# Runs part of a test in a virtual machine with a kernel of its own, for what this machine's
# kernel may lack (autofs, so automount(8) and systemd's .automount units). The VM is Debian's
# kernel built as User-Mode Linux (package user-mode-linux): an ordinary process here, so it
# needs neither KVM nor a kernel image download. systemd is its PID 1 and runs the calling
# test's inside() as the unit mb-test.service. Source it after lib.sh:
#
#   if [ "${MB_IN_VM:-}" = 1 ]; then inside; exit; fi   # the part that runs in the VM
#   mb_setup; vm_skip_unless_usable; vm_run 80; ...check $VM_RC, $T/inside/test.log
#
# The VM's root is this machine's own / (hostfs, read-only) under a tmpfs overlay, so the
# guest runs the build dir's binaries and the installed packages as they are here, can write
# /etc, /usr/sbin, /run and /tmp, and nothing it writes reaches the machine. $T/inside of the
# host is /inside in the guest (read-write): inside()'s stdout and stderr go to
# /inside/test.log, its exit status to /inside/rc. The VM powers off when inside() ends, or
# at its time limit; every process and mount in it ends with it.

VM_KERNEL=/usr/bin/linux.uml

# SKIP (exit 0) where Debian has no user-mode-linux; a missing package is a failure instead.
vm_skip_unless_usable() {
  if [ "$(uname -m)" != x86_64 ]; then
    echo "SKIP: Debian's user-mode-linux kernel is built for amd64; this machine is $(uname -m)"
    exit 0
  fi
  [ -x "$VM_KERNEL" ] || fail "$VM_KERNEL is missing (Debian package user-mode-linux)"
}

# vm_run LIMIT: boots the VM (vm_init.sh prepares its root and starts systemd), runs the
# calling test's inside() in it and waits at most LIMIT seconds for the power-off. The
# console goes to $T/console.log. Sets VM_RC (inside()'s exit status) and VM_SECONDS.
vm_run() {
  local limit=$1 script started vm
  script=$(readlink -f "$0")
  mkdir -p "$T/inside" "$T/uml"
  started=$SECONDS
  # Words with a "=" that the kernel does not know become init's environment. uml_dir keeps
  # the management socket in $T instead of ~/.uml.
  start_bg "$VM_KERNEL" mem=768M "umid=mbtest$$" "uml_dir=$T/uml" rootfstype=hostfs rootflags=/ ro \
    quiet con0=null,fd:1 con=null ssl=null "init=$MB_SRC/tests/integration/vm_init.sh" \
    "MB_BIN=$MB_BIN" "MB_SRC=$MB_SRC" "VM_SCRIPT=$script" "VM_INSIDE=$T/inside" \
    "VM_LIMIT=$limit" </dev/null >"$T/console.log" 2>&1
  vm=$BG_PID
  if ! wait_until "$limit" vm_ended "$vm"; then
    _vm_console >&2
    [ -f "$T/inside/test.log" ] && tail -n 60 "$T/inside/test.log" >&2
    fail "the VM did not power off within $limit s (killed)"
  fi
  wait "$vm" 2>/dev/null || true
  forget_bg "$vm"
  VM_SECONDS=$((SECONDS - started))
  cat "$T/inside/test.log" 2>/dev/null || true
  if [ ! -f "$T/inside/rc" ]; then
    _vm_console >&2
    fail "the VM powered off without a result (console above)"
  fi
  VM_RC=$(cat "$T/inside/rc")
}
vm_ended() { ! kill -0 "$1" 2>/dev/null || [ "$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat")" = Z ]; }
# The console's last lines, without a kernel panic's stack dump.
_vm_console() { grep -v '^ *\[<' "$T/console.log" | tail -n 40 || true; }
