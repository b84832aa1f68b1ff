#!/usr/bin/env bash
# FUSE shares (bindfs) through the broker, in a private mount namespace: `mount --wait` makes
# the data visible, `unmount` removes it, and sweeps respect intent: a share a person
# unmounted is not remounted, a share a person mounted (auto_mount = false) is not unmounted,
# an auto_mount share is mounted. The FUSE daemon runs in its own session and outlives the
# broker's idle exit; the share stays usable without a broker.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup

. "$(dirname "$0")/fuse_lib.sh"

sweep_action() {
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print([x for x in d["mounts"] if x["name"]==sys.argv[2]][0]["action"])' "$1" "$2"
}

# ---- setup: three bindfs shares
for n in share manual auto; do
  mkdir -p "$T/src/$n" "$T/mnt/$n"
  echo "data of $n" >"$T/src/$n/file"
done
bindfs_mount() {
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"bindfs\", \"$T/src/$1\", \"{mountpoint}\"]" "source = \"$T/src/$1\"" "$2"
}
write_config "$(bindfs_mount share 'auto_mount = true')" \
  "$(bindfs_mount manual 'auto_mount = false')" \
  "$(bindfs_mount auto 'auto_mount = true')"
start_holder

# ---- mount --wait makes the data visible
out=$(mctl mount share --wait) || fail "mountctl mount share --wait failed: $out"
mounted_at "$T/mnt/share" || fail "share is not in /proc/self/mountinfo"
assert_eq "$(awk -v m="$T/mnt/share" '$5 == m {for (i = 7; $i != "-"; i++); print $(i+1), $(i+2)}' /proc/self/mountinfo)" \
  "fuse $T/src/share" "fstype and source in mountinfo"
assert_eq "$(timeout 3 cat "$T/mnt/share/file")" "data of share" "file read through the mount"
ok "mount --wait: the bindfs share is mounted and a file of the source is readable through it"

json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" share state)" mounted "share state"
assert_eq "$(field "$json" share desired)" mounted "share desired"
assert_contains "$(mstatus)" "share" "status table"
ok "status shows the share mounted"

# ---- the FUSE daemon outlives the broker's idle exit
daemon=$(daemon_for "$T/mnt/share")
[ -n "$daemon" ] || fail "no bindfs daemon serves $T/mnt/share"
[ "$(wc -w <<<"$daemon")" = 1 ] || fail "more than one daemon for the share: $daemon"
assert_eq "$(ps -o sid= -p "$daemon" | tr -d ' ')" "$daemon" "the daemon leads its own session"
[ "$(ps -o sid= -p "$daemon" | tr -d ' ')" != "$(ps -o sid= -p $$ | tr -d ' ')" ] ||
  fail "the daemon shares the test's session"
wait_until $((${IDLE_EXIT:-2} + 8)) no_broker_running || fail "the broker did not exit when idle"
alive "$daemon" || fail "the bindfs daemon died with the broker"
mounted_at "$T/mnt/share" || fail "the share vanished when the broker exited"
echo "written while no broker runs" >"$T/src/share/later"
assert_eq "$(timeout 3 cat "$T/mnt/share/later")" "written while no broker runs" "read after broker exit"
assert_eq "$(timeout 3 ls "$T/mnt/share" | sort | tr '\n' ' ')" "file later " "listing after broker exit"
ok "the bindfs daemon ($daemon, own session) outlives the broker's idle exit; the share stays usable"

# ---- a sweep mounts what auto_mount wants, and only that
launches_before=$(launches)
sweep=$(mctl --json sweep) || fail "sweep failed: $sweep"
[ "$(launches)" -gt "$launches_before" ] || fail "the sweep did not start a new broker"
assert_eq "$(sweep_action "$sweep" auto)" mounted "sweep action for auto"
mounted_at "$T/mnt/auto" || fail "auto_mount share not mounted by the sweep"
assert_eq "$(timeout 3 cat "$T/mnt/auto/file")" "data of auto" "file of the auto share"
assert_eq "$(status_of auto state)" mounted "auto state"
ok "with auto_mount = true a sweep mounts the share"
not_mounted_at "$T/mnt/manual" || fail "a sweep mounted the auto_mount = false share"
assert_eq "$(status_of manual state)" unmounted "manual state before anyone mounts it"
ok "with auto_mount = false a sweep does not mount the share"

# ---- a person mounts the auto_mount = false share (by hand): sweeps leave it alone
bindfs "$T/src/manual" "$T/mnt/manual" || fail "bindfs by hand failed"
manual_daemon=$(daemon_for "$T/mnt/manual")
json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" manual state)" mounted "hand-mounted share state"
assert_eq "$(field "$json" manual finding)" adopted "hand-mounted share finding"
for i in 1 2; do
  sweep=$(mctl --json sweep) || fail "sweep $i failed: $sweep"
  mounted_at "$T/mnt/manual" || fail "sweep $i unmounted the share a person mounted"
done
alive "$manual_daemon" || fail "the hand-started daemon was ended"
assert_eq "$(timeout 3 cat "$T/mnt/manual/file")" "data of manual" "hand-mounted share still readable"
assert_eq "$(status_of manual state)" mounted "hand-mounted share state after sweeps"
ok "a share with auto_mount = false that a person mounted is not unmounted by sweeps"

# The same share mounted through mountctl: still never unmounted by a sweep.
mctl unmount manual >/dev/null || fail "unmount manual"
wait_until 5 dead "$manual_daemon" || fail "the manual daemon did not exit after unmount"
mctl mount manual --wait >/dev/null || fail "mount manual --wait"
sweep=$(mctl --json sweep) || fail "sweep failed: $sweep"
mounted_at "$T/mnt/manual" || fail "a sweep unmounted the share mountctl mounted"
assert_eq "$(status_of manual desired)" mounted "desired after mountctl mount"
ok "a share with auto_mount = false mounted with mountctl is not unmounted by a sweep"

# ---- unmount removes it, and sweeps never remount what a person unmounted
out=$(mctl unmount share) || fail "mountctl unmount share failed: $out"
not_mounted_at "$T/mnt/share" || fail "share still in /proc/self/mountinfo after unmount"
wait_until 5 dead "$daemon" || fail "the bindfs daemon did not exit after the unmount"
json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" share state)" unmounted "state after unmount"
assert_eq "$(field "$json" share desired)" unmounted "desired after unmount"
assert_eq "$(field "$json" share reason)" user "reason after unmount"
[ ! -e "$T/mnt/share/file" ] || fail "the source is still visible at the mount point"
ok "unmount: gone from /proc/self/mountinfo, the daemon exits, status shows unmounted (user)"

for i in 1 2; do
  sweep=$(mctl --json sweep) || fail "sweep $i after unmount failed (exit $?): $sweep"
  not_mounted_at "$T/mnt/share" || fail "sweep $i remounted a share a person unmounted"
  assert_eq "$(sweep_action "$sweep" share)" none "sweep $i action for the unmounted share"
done
# Also across a broker restart (intent survives in state.json).
wait_until $((${IDLE_EXIT:-2} + 8)) no_broker_running || fail "the broker did not exit when idle"
sweep=$(mctl --json sweep) || fail "sweep in a fresh broker failed: $sweep"
not_mounted_at "$T/mnt/share" || fail "a fresh broker's sweep remounted a share a person unmounted"
assert_eq "$(status_of share state)" unmounted "state after the sweeps"
[ -z "$(daemon_for "$T/mnt/share")" ] || fail "a daemon for the unmounted share runs again"
ok "after unmount, sweeps (also in a new broker instance) do not remount it"

# ---- tidy: everything unmounted through the broker, the daemons end, the broker exits
for n in manual auto; do mctl unmount "$n" >/dev/null || fail "unmount $n"; done
wait_until 5 no_fuse_daemons || fail "bindfs daemons left after unmounting everything: $(fuse_daemons)"
wait_until $((${IDLE_EXIT:-2} + 8)) no_broker_running || fail "the broker did not exit when idle"
ok "after unmounting everything no bindfs daemon remains and the broker exits"
