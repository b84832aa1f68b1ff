#!/usr/bin/env bash
# mount.mount-broker, the mount(8) helper behind fstab's `mount-broker` type and autofs's
# `-fstype=mount-broker`: the real mount(8) finds it (an overlay adds it to /usr/sbin in this
# private namespace only), it asks the broker to mount the configured bindfs share (supervised
# at its configured mount point) and binds that onto the directory it was given. An unmount
# removes that view first, and a view that goes away meanwhile (an automounter's expiry) does
# not fail it. With the kernel's autofs available, the real automount(8) triggers the helper on
# first access (autofs_vm_test runs automount and systemd's automount in a VM everywhere).
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup

. "$(dirname "$0")/fuse_lib.sh"

# mount(8) looks for mount.TYPE in /sbin (/usr/sbin on a merged /usr).
sbin=$(readlink -f /sbin)
mkdir -p "$T/helper"
ln -s "$MB_BIN/mountctl" "$T/helper/mount.mount-broker"
mount -t overlay overlay -o "lowerdir=$T/helper:$sbin" "$sbin" || fail "cannot overlay $sbin"
[ -x /sbin/mount.mount-broker ] || fail "the helper is not visible in /sbin"

for n in photos second; do
  mkdir -p "$T/src/$n" "$T/mnt/$n"
  echo "data of $n" >"$T/src/$n/file"
done
mkdir -p "$T/auto/photos" "$T/auto/fstab" "$T/auto/nothing"
bindfs_mount() {
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"bindfs\", \"$T/src/$1\", \"{mountpoint}\"]" "source = \"$T/src/$1\""
}
write_config "$(bindfs_mount photos)" "$(bindfs_mount second)"
start_holder
holder=$BG_PID
dev_at() { awk -v m="$1" '$5 == m {print $3}' /proc/self/mountinfo | tail -n 1; }

# ---- mount -t mount-broker: the broker mounts at its mount point, the helper binds it
out=$(timeout 60 mount -t mount-broker photos "$T/auto/photos" 2>&1) || fail "mount -t mount-broker failed: $out"
mounted_at "$T/mnt/photos" || fail "the broker's mount point $T/mnt/photos is not mounted"
mounted_at "$T/auto/photos" || fail "nothing is mounted at $T/auto/photos"
assert_eq "$(timeout 3 cat "$T/auto/photos/file")" "data of photos" "file read at the helper's directory"
assert_eq "$(dev_at "$T/auto/photos")" "$(dev_at "$T/mnt/photos")" "one FUSE connection behind both"
json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" photos state)" mounted "photos state"
assert_eq "$(field "$json" photos desired)" mounted "photos desired"
ok "mount -t mount-broker: mounted by the broker at its mount point (status: mounted), bound onto the directory"

out=$(mctl probe photos) || fail "probe of the helper-mounted share failed: $out"
ok "the share mounted through the helper is probed like any other: $out"

# ---- an fstab line of the documented form, through mount(8)'s own fstab parsing
echo "second $T/auto/fstab mount-broker noauto,x-systemd.automount,x-systemd.idle-timeout=60 0 0" >"$T/fstab"
out=$(timeout 60 mount -T "$T/fstab" "$T/auto/fstab" 2>&1) || fail "mount from the fstab line failed: $out"
assert_eq "$(timeout 3 cat "$T/auto/fstab/file")" "data of second" "file read through the fstab mount"
ok "an fstab line 'second DIR mount-broker noauto,x-systemd.automount,...' mounts through the broker"

# ---- unmounting the share removes the automounter's view of it too: "unmounted" is true
# everywhere, and the FUSE daemon ends
daemon=$(daemon_for "$T/mnt/second")
[ -n "$daemon" ] || fail "no bindfs daemon serves $T/mnt/second"
mctl unmount second >/dev/null || fail "unmount second failed"
not_mounted_at "$T/auto/fstab" || fail "the view at $T/auto/fstab outlived the unmount"
not_mounted_at "$T/mnt/second" || fail "$T/mnt/second is still mounted"
wait_until 5 dead "$daemon" || fail "the bindfs daemon of second ($daemon) outlived the unmount"
assert_eq "$(status_of second state)" unmounted "second state after unmount"
ok "mountctl unmount: the view at the automounter's directory goes first, then the share; its daemon ends"

# ---- the directory is the configured mount point, no automounter: the broker's mount is it
out=$(timeout 60 mount -t mount-broker second "$T/mnt/second" 2>&1) || fail "mount at the configured mount point failed: $out"
assert_eq "$(awk -v m="$T/mnt/second" '$5 == m' /proc/self/mountinfo | wc -l)" 1 "one mount at the mount point"
assert_eq "$(timeout 3 cat "$T/mnt/second/file")" "data of second" "file at the configured mount point"
ok "mount -t mount-broker NAME MOUNTPOINT: the broker's mount, nothing stacked on it"

# ---- the automounter expires the view while the broker unmounts it: after the broker read
# the table and before its umount(2) (held 3 s by strace's fault injection), the view goes
# (as automount's expiry does it). The unmount carries on instead of failing with EINVAL.
stop_bg "$holder"
wait_until 10 no_broker_running || fail "the broker outlived its holder"
start_bg "$HOLDER" --socket "$SOCK" --events "$T/events.log" -- "$(command -v strace)" -D -f -qq -o "$T/strace.out" \
  -e trace=umount2 -e inject=umount2:delay_enter=3000000 $(broker_cmd) 2>>"$T/broker.log"
holder=$BG_PID
wait_until 10 socket_exists || fail "socket holder did not create $SOCK"
mounted_at "$T/auto/photos" || fail "the view at $T/auto/photos is not there to begin with"
start_bg mctl unmount photos >/dev/null
unmounter=$BG_PID
view_unmount_started() { grep -qF "photos: unmounting its view at $T/auto/photos first" "$T/broker.log"; }
wait_until 30 view_unmount_started || fail "the broker did not start unmounting the view"
umount "$T/auto/photos" || fail "could not unmount the view (as the automounter would)"
rc=0
wait "$unmounter" || rc=$?
forget_bg "$unmounter"
assert_eq "$rc" 0 "mountctl unmount with the view gone meanwhile"
grep -qF "photos: its view at $T/auto/photos went away meanwhile" "$T/broker.log" ||
  fail "the broker's umount of the view did not meet a view already gone (strace: $(cat "$T/strace.out"))"
not_mounted_at "$T/mnt/photos" || fail "$T/mnt/photos is still mounted"
assert_eq "$(status_of photos state)" unmounted "photos state after the unmount"
ok "a view that goes away while the broker unmounts it (its umount: EINVAL) does not fail the unmount"
stop_bg "$holder"
start_holder

# ---- failures: exit 32 with the reason, nothing mounted
set +e
out=$(timeout 60 mount -t mount-broker nosuch "$T/auto/nothing" 2>&1); rc=$?
set -e
assert_eq "$rc" 32 "exit status for an unknown mount"
assert_contains "$out" "nosuch: no mount of that name in the broker's config"
not_mounted_at "$T/auto/nothing" || fail "something was mounted for an unknown name"
set +e
out=$(MOUNT_BROKER_SOCKET=$T/absent.sock timeout 60 mount -t mount-broker photos "$T/auto/nothing" 2>&1); rc=$?
set -e
assert_eq "$rc" 32 "exit status when no broker answers"
assert_contains "$out" "photos:"
not_mounted_at "$T/auto/nothing" || fail "something was mounted without a broker"
ok "unknown name and unreachable broker: mount(8) exits 32 with the reason, nothing mounted"

out=$(timeout 60 mount -f -t mount-broker photos "$T/auto/nothing" 2>&1) || fail "mount -f failed: $out"
not_mounted_at "$T/auto/nothing" || fail "mount -f mounted something"
ok "mount -f (fake) mounts nothing"

# ---- the real autofs: first access to an indirect map's key mounts the share
if ! grep -qw autofs /proc/filesystems; then
  echo "SKIP (autofs part): this kernel has no autofs (CONFIG_AUTOFS_FS); autofs_vm_test runs automount(8) in a VM"
  exit 0
fi
command -v automount >/dev/null || fail "automount is not installed (Debian package autofs)"
mctl unmount photos >/dev/null || fail "unmount photos failed"
not_mounted_at "$T/auto/photos" || fail "the view at $T/auto/photos outlived the unmount"
mkdir -p "$T/am"
echo "$T/am $T/auto.map --timeout=300" >"$T/auto.master"
echo "photos -fstype=mount-broker :photos" >"$T/auto.map"
# A process group of its own: autofs lets the automounter's group pass its mount points
# untouched, and in the foreground automount stays in the test's group.
start_bg setsid automount -f -p "$T/automount.pid" "$T/auto.master" 2>>"$T/automount.log"
automounter=$BG_PID
autofs_ready() { awk -v m="$T/am" '$5 == m && $0 ~ / - autofs /' /proc/self/mountinfo | grep -q .; }
wait_until 15 autofs_ready || fail "automount did not mount its autofs on $T/am"
assert_eq "$(timeout 60 cat "$T/am/photos/file")" "data of photos" "first access through autofs"
assert_eq "$(dev_at "$T/am/photos")" "$(dev_at "$T/mnt/photos")" "the autofs key shows the broker's mount"
assert_eq "$(status_of photos state)" mounted "photos state after the autofs trigger"
ok "autofs: reading $T/am/photos/file triggered mount.mount-broker; the broker mounted the share"
umount "$T/am/photos" 2>/dev/null || true
stop_bg "$automounter"
