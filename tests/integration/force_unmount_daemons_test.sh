#!/usr/bin/env bash
# A forced unmount of a hung FUSE share (its bindfs daemon SIGSTOPped) ends that share's daemon
# and nothing else: decoys with /dev/fuse open and the mount point in their argv (one owned by
# nobody, one by root without a connection) and the daemon of another share survive. On a
# machine where /dev/fuse is 0666 any user can be such a decoy; here the descriptor is opened
# by root and inherited, which leaves the decoy just as the kernel would.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

bindfs_mount() {
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"bindfs\", \"$T/src/$1\", \"{mountpoint}\"]" "source = \"$T/src/$1\""
}
for n in hung other; do mkdir -p "$T/src/$n" "$T/mnt/$n"; done
write_config "$(bindfs_mount hung)" "$(bindfs_mount other)"
start_holder
for n in hung other; do mctl mount "$n" --wait >/dev/null || fail "mount $n --wait"; done
daemon=$(daemon_for "$T/mnt/hung")
other=$(daemon_for "$T/mnt/other")
[ -n "$daemon" ] && [ -n "$other" ] || fail "no bindfs daemons"

# Decoys: /dev/fuse open (fd 3) and the mount point as an argv element, as the old rule wanted.
decoy='import time; time.sleep(120)'
start_bg setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/python3 -c "$decoy" "$T/mnt/hung" 3<>/dev/fuse
nobody_decoy=$BG_PID
start_bg /usr/bin/python3 -c "$decoy" "$T/mnt/hung" 3<>/dev/fuse
root_decoy=$BG_PID
has_fuse_fd() { [ "$(readlink "/proc/$1/fd/3")" = /dev/fuse ]; }
wait_until 5 has_fuse_fd "$nobody_decoy" || fail "the nobody decoy has no /dev/fuse open"
wait_until 5 has_fuse_fd "$root_decoy" || fail "the root decoy has no /dev/fuse open"
assert_eq "$(stat -c %U "/proc/$nobody_decoy")" nobody "owner of the nobody decoy"
ok "two decoys hold /dev/fuse and name $T/mnt/hung in their argv (one owned by nobody)"

# Kernels before 6.16 print no fuse_connection in fdinfo; there the broker falls back to a root
# process naming the mount point, which the root decoy is.
names_connections=no
for fd in /proc/"$daemon"/fd/*; do
  [ "$(readlink "$fd")" = /dev/fuse ] && grep -q '^fuse_connection:' "/proc/$daemon/fdinfo/${fd##*/}" &&
    names_connections=yes
done
kill -STOP "$daemon"  # the cleanup trap continues and ends it
out=$(mctl unmount hung --force 2>&1) || fail "forced unmount of the hung share failed: $out"
not_mounted_at "$T/mnt/hung" || fail "the hung share is still mounted"
wait_until 5 dead "$daemon" || fail "the hung share's daemon $daemon was not ended"
alive "$nobody_decoy" || fail "the decoy owned by nobody was killed"
if [ $names_connections = yes ]; then
  alive "$root_decoy" || fail "the root decoy without a FUSE connection was killed"
else
  echo "note: this kernel names no FUSE connection in fdinfo; the root decoy is not checked"
fi
alive "$other" || fail "the other share's daemon was killed"
mounted_at "$T/mnt/other" || fail "the other share was unmounted"
ok "the decoys (nobody's and root's) and the other share's daemon survived"
grep -qE "hung: .*ended FUSE daemon $daemon(;|$)" "$T/broker.log" ||
  fail "the broker did not say it ended daemon $daemon"
ok "the forced unmount ended the hung share's daemon ($daemon)"

