#!/usr/bin/env bash
# Mount on first access with the real automounters, in a VM with Debian's own kernel and
# systemd as PID 1 (vm_lib.sh), so it runs on machines whose kernel has no autofs.
# 1. automount(8) with an indirect map entry `-fstype=mount-broker`:
#  - nothing is mounted before the first access; the first access to the key mounts the bindfs
#    share through mount(8), mount.mount-broker and the broker at its configured mount point,
#    and the key shows that very FUSE connection; status: mounted; a probe is healthy;
#  - autofs's expiry (--timeout) unmounts the view and leaves the share to the broker; the
#    next access binds it again;
#  - kill -9 of the FUSE daemon: a sweep recovers the share (the dead view goes first) and the
#    next access through autofs shows the new connection;
#  - mountctl unmount: the view and the share go; the next access mounts it again.
# 2. systemd with the documented fstab line (noauto,x-systemd.automount,
#    x-systemd.idle-timeout): the same first access, status, probe, idle unmount, unmount.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/vm_lib.sh"

EXPIRE=2  # autofs --timeout: seconds of disuse before automount unmounts a key

# A path's device as mountinfo shows it (the topmost mount there).
dev_at() { awk -v m="$1" '$5 == m {print $3}' /proc/self/mountinfo | tail -n 1; }
autofs_at() { awk -v m="$1" '$5 == m && / - autofs /' /proc/self/mountinfo | grep -q .; }
autofs_ready() { autofs_at "$T/am"; }
# The automounter's view, a mount on top of the autofs at $1 (or under it: the key of a map).
view_gone() { [ "$(awk -v m="$1" '$5 == m' /proc/self/mountinfo | wc -l)" -le 1 ]; }
no_view() { not_mounted_at "$T/am/photos"; }
# fields JSON KEY...: photos's KEYs in `mountctl --json status` output, in one python run.
fields() {
  python3 -c 'import json,sys; m=[x for x in json.loads(sys.argv[1])["mounts"] if x["name"]=="photos"][0]; print(*[m[k] for k in sys.argv[2:]])' "$@"
}
# What the broker says: photos is mounted (or not). One process: each costs in the VM.
broker_says() {
  local listed
  listed=$(mctl list mounted) || fail "mountctl list mounted failed"
  case "$1" in
  mounted) assert_eq "$listed" photos "the broker's mounted shares ($2)" ;;
  *) assert_eq "$listed" "" "the broker's mounted shares ($2)" ;;
  esac
}

# In the VM: the broker (the socket holder starts it on demand) with one bindfs share, on its
# default socket (systemd runs mount(8) with an environment of its own), and
# mount.mount-broker where mount(8) looks for it (the VM's /usr is a throwaway overlay).
inside() {
  mb_setup
  SOCK=/run/mount-broker.sock
  export MOUNT_BROKER_SOCKET=$SOCK
  . "$MB_SRC/tests/integration/fuse_lib.sh"
  grep -qw autofs /proc/filesystems || fail "the VM's kernel has no autofs"
  command -v bindfs >/dev/null || fail "bindfs is not installed"
  command -v automount >/dev/null || fail "automount is not installed (Debian package autofs)"
  echo "VM kernel $(uname -r), PID 1: $(cat /proc/1/comm)"
  ln -s "$MB_BIN/mountctl" /usr/sbin/mount.mount-broker
  mkdir -p "$T/src/photos" "$T/mnt/photos" "$T/am"
  echo "data of photos" >"$T/src/photos/file"
  # One broker for the whole test: in the VM a cold start costs a second or more.
  IDLE_EXIT=600 write_config "$(printf '%s\n' '[[mount]]' 'name = "photos"' 'type = "command"' \
    "mountpoint = \"$T/mnt/photos\"" "command = [\"bindfs\", \"$T/src/photos\", \"{mountpoint}\"]" \
    "source = \"$T/src/photos\"" 'probe_interval_sec = 1')"
  start_holder
  with_automount
  mctl unmount photos >/dev/null || fail "unmount photos failed"
  with_systemd
}

# hold DIR: the first access, held: a process whose working directory is DIR, so the
# automounter cannot expire the view while the test looks at it; release ends it.
hold() {
  start_bg bash -c 'cd "$1" && exec sleep 300' hold "$1"
  HOLD_PID=$BG_PID
  wait_until 60 held "$1" || fail "cd $1 (the first access) did not complete: cwd $(readlink "/proc/$HOLD_PID/cwd"), $(cat /proc/$HOLD_PID/stat)"
}
held() { [ "$(readlink "/proc/$HOLD_PID/cwd")" = "$1" ] || { dead "$HOLD_PID" && return 2; }; }
release() { stop_bg "$HOLD_PID"; }
# the_view DIR: DIR shows the broker's own FUSE connection and its data.
the_view() {
  assert_eq "$(dev_at "$1")" "$(dev_at "$T/mnt/photos")" "the device at $1 (the broker's FUSE connection)"
  assert_eq "$(timeout 10 cat "$1/file")" "data of photos" "the file read at $1"
}

with_automount() {
  local key=$T/am/photos json out old new sweep t0

  echo "$T/am $T/auto.map --timeout=$EXPIRE" >"$T/auto.master"
  echo "photos -fstype=mount-broker :photos" >"$T/auto.map"
  # A process group of its own: autofs lets the automounter's group walk past its mount
  # points untouched, and in the foreground automount stays in the test's group.
  start_bg setsid automount -f -v -p "$T/automount.pid" "$T/auto.master" 2>>"$T/automount.log"
  local automounter=$BG_PID
  wait_until 15 autofs_ready || fail "automount did not mount its autofs on $T/am"
  not_mounted_at "$T/mnt/photos" || fail "photos was mounted before any access"
  broker_says unmounted "before the first access"
  ok "automount owns $T/am (an autofs); nothing is mounted yet"

  # ---- first access
  t0=$SECONDS
  hold "$key"
  the_view "$key"
  json=$(mstatus --json) || fail "status failed"
  assert_eq "$(fields "$json" state desired)" "mounted mounted" "photos state and desired after the first access"
  ok "the first access to $key mounted the share through mount.mount-broker in $((SECONDS - t0)) s (status: mounted)"
  out=$(mctl probe photos) || fail "probe of photos failed: $out"
  ok "the share mounted by autofs is probed like any other: $out"

  # ---- autofs's expiry
  release
  wait_until $((EXPIRE * 10)) no_view || fail "automount did not expire $key"
  mounted_at "$T/mnt/photos" || fail "the expiry unmounted the broker's own mount"
  broker_says mounted "after the expiry"
  hold "$key"
  the_view "$key"
  release
  ok "after $EXPIRE s of disuse automount unmounted the view, the share stayed with the broker; the next access bound it again"

  # ---- recovery: the FUSE daemon dies; the broker's sweep remounts, the view follows
  old=$(daemon_for "$T/mnt/photos")
  [ -n "$old" ] || fail "no bindfs daemon serves $T/mnt/photos"
  kill -KILL "$old"
  wait_until 5 dead "$old" || fail "bindfs $old survived SIGKILL"
  sleep 1.1 # the probe interval (1 s) has passed since the last probe
  sweep=$(mctl --json sweep) || true
  assert_eq "$(sweep_item "$sweep" photos action)" recovered "sweep action after kill -9 (sweep: $sweep)"
  new=$(daemon_for "$T/mnt/photos")
  [ -n "$new" ] && [ "$new" != "$old" ] || fail "no new daemon after the recovery ($old -> $new)"
  hold "$key"
  the_view "$key"
  json=$(mstatus --json) || fail "status failed"
  assert_eq "$(fields "$json" state recoveries)" "mounted 1" "photos state and recoveries after the recovery"
  release
  ok "kill -9 of bindfs: the sweep recovered the share (daemon $old -> $new); autofs shows the new connection"

  # ---- mountctl unmount: the view goes first, then the share; autofs mounts it again
  mctl unmount photos >/dev/null || fail "unmount photos failed"
  no_view || fail "the view at $key outlived the unmount"
  not_mounted_at "$T/mnt/photos" || fail "$T/mnt/photos is still mounted"
  broker_says unmounted "after the unmount"
  hold "$key"
  the_view "$key"
  broker_says mounted "after the access that followed"
  release
  ok "mountctl unmount removed the view and the share; the next access through autofs mounted it again"

  stop_bg "$automounter"
  grep -E 'mount|expire' "$T/automount.log" | sed 's/^/automount: /' | head -n 20
}

# systemd's automount: an fstab line with x-systemd.automount.
with_systemd() {
  local dir=$T/sd unit json out t0
  mkdir -p "$dir"
  echo "photos $dir mount-broker noauto,x-systemd.automount,x-systemd.idle-timeout=$EXPIRE 0 0" >>/etc/fstab
  systemctl daemon-reload
  unit=$(systemd-escape -p --suffix=automount "$dir")
  systemctl start "$unit" || fail "systemctl start $unit failed: $(systemctl status --no-pager "$unit" 2>&1)"
  wait_until 15 autofs_at "$dir" || fail "systemd did not put an autofs on $dir"
  not_mounted_at "$T/mnt/photos" || fail "photos was mounted before any access"
  ok "fstab line 'photos $dir mount-broker noauto,x-systemd.automount,...': $unit is active"

  t0=$SECONDS
  hold "$dir"
  the_view "$dir"
  broker_says mounted "after the first access"
  assert_eq "$(systemctl show -p ActiveState --value "${unit%.automount}.mount")" active "the mount unit"
  ok "the first access to $dir mounted the share through systemd and mount.mount-broker in $((SECONDS - t0)) s (status: mounted)"
  out=$(mctl probe photos) || fail "probe of photos failed: $out"
  ok "the share mounted by systemd's automount is probed like any other: $out"

  release
  wait_until $((EXPIRE * 10)) view_gone "$dir" || fail "systemd did not unmount $dir after the idle timeout"
  mounted_at "$T/mnt/photos" || fail "the idle timeout unmounted the broker's own mount"
  hold "$dir"
  the_view "$dir"
  release
  ok "x-systemd.idle-timeout=$EXPIRE unmounted the view, the share stayed with the broker; the next access bound it again"

  mctl unmount photos >/dev/null || fail "unmount photos failed"
  view_gone "$dir" || fail "the view at $dir outlived the unmount"
  broker_says unmounted "after the unmount"
  hold "$dir"
  the_view "$dir"
  broker_says mounted "after the access that followed"
  release
  ok "mountctl unmount removed the view; the next access through systemd's automount mounted it again"
  systemctl stop "$unit" || true
}

if [ "${MB_IN_VM:-}" = 1 ]; then
  inside
  exit
fi

mb_setup
vm_skip_unless_usable
# A safety net, not a speed: the VM takes 40-70 s on a busy two-core machine (each of its
# processes is a process here, each of its system calls a round trip through ptrace).
vm_run 150
[ "$VM_RC" = 0 ] || fail "the test in the VM failed (exit $VM_RC)"
passed=$(grep -c '^ok: ' "$T/inside/test.log" || true)
[ "$passed" -ge 11 ] || fail "the VM reported only $passed checks"
ok "in the VM (Debian's kernel $(linux.uml --version 2>/dev/null | head -n 1), systemd as PID 1): $passed checks passed; boot to power-off $VM_SECONDS s"
