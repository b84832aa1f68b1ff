#!/usr/bin/env bash
# `ok` means durable. With the state directory on a full file system (a tiny tmpfs, filled)
# or made immutable (chattr +i), `mountctl unmount` does the unmount but answers not_saved
# (exit 10) instead of 0; the broker keeps the change in memory, shows a status warning, does
# not exit while it is unsaved, and saves it as soon as it can; a new activation and a sweep
# then keep the share unmounted. A normal unmount is answered only after state.json holds it.
# SIGTERM while unsaved is logged loudly.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup

. "$(dirname "$0")/fuse_lib.sh"

mkdir -p "$T/src/share" "$T/mnt/share" "$STATE"
echo data >"$T/src/share/file"
mount -t tmpfs -o size=256k,mode=0700 mbstate "$STATE" || fail "cannot mount a tmpfs for the state"
write_config '[[mount]]' 'name = "share"' 'type = "command"' "mountpoint = \"$T/mnt/share\"" \
  "command = [\"bindfs\", \"$T/src/share\", \"{mountpoint}\"]" "source = \"$T/src/share\"" \
  'auto_mount = true'
start_holder

# saved KEY VALUE: state.json on disk says the share's KEY is VALUE.
saved() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=[x for x in d["mounts"] if x["name"]=="share"][0]; sys.exit(m[sys.argv[2]] != sys.argv[3])' \
    "$STATE/state.json" "$1" "$2"
}
broker_alive() { [ -n "$(broker_pids)" ]; }

# ---- the positive case: the reply of a normal unmount comes after the save
mctl mount share --wait >/dev/null || fail "mount --wait failed"
mctl unmount share >/dev/null || fail "a normal unmount failed"
saved desired unmounted || fail "unmount answered 0 before state.json said desired unmounted"
saved phase unmounted || fail "unmount answered 0 before state.json said unmounted"
ok "a normal unmount is answered 0 only when state.json already holds desired = unmounted"

# unsaved_unmount HOW: mounts, breaks the state dir with HOW, unmounts; checks the answer.
unsaved_unmount() {
  mctl mount share --wait >/dev/null || fail "mount --wait failed"
  saved desired mounted || fail "state.json does not say desired mounted"
  "$@"
  set +e
  out=$(mctl unmount share 2>&1)
  rc=$?
  set -e
  assert_eq "$rc" 10 "exit status of an unmount that could not be saved ($out)"
  assert_contains "$out" "not saved to disk" "unmount message"
  not_mounted_at "$T/mnt/share" || fail "the unmount itself was not done"
  saved desired mounted || fail "state.json changed although the save was reported failed"
}

# recovers_after HOW: the broker stays while unsaved; after HOW it saves, exits, and a new
# activation plus a sweep keeps the share unmounted.
recovers_after() {
  pid=$(version_pid "$(mctl version)")
  [ -n "$pid" ] || fail "no broker pid"
  assert_contains "$(mstatus)" "warning: state not saved" "status warning"
  ! wait_until $((${IDLE_EXIT:-2} + 4)) no_broker_running || fail "the broker exited unsaved"
  assert_eq "$(version_pid "$(mctl version)")" "$pid" "the same broker still runs"
  "$@"
  wait_until 15 saved desired unmounted || fail "the change was not saved after the fix"
  wait_until 15 no_broker_running || fail "the broker did not exit once saved"
  set +e
  sweep=$(mctl --json sweep)
  set -e
  assert_eq "$(sweep_item "$sweep" share state)" unmounted "phase after a new activation's sweep"
  not_mounted_at "$T/mnt/share" || fail "a new activation's sweep mounted the share again"
  assert_eq "$(status_of share desired)" unmounted "desired after a new activation"
}

fill() { dd if=/dev/zero of="$STATE/fill" bs=4k 2>/dev/null || true; }
unsaved_unmount fill
ok "state dir full (ENOSPC): unmount exits 10 with 'not saved to disk'; state.json untouched"
recovers_after rm -f "$STATE/fill"
ok "full: the broker stayed with a status warning, saved after space was freed, exited; a sweep kept it unmounted"

unsaved_unmount chattr +i "$STATE"
ok "state dir immutable (chattr +i): unmount exits 10"
recovers_after chattr -i "$STATE"
ok "immutable: saved after chattr -i, the broker exited; a new activation's sweep kept it unmounted"

# ---- a probe whose result changed the record is answered ok only once that is on disk
mctl mount share --wait >/dev/null || fail "mount --wait failed"
fill
set +e
out=$(mctl probe share 2>&1)
rc=$?
set -e
assert_eq "$rc" 10 "exit status of a probe whose result could not be saved ($out)"
assert_contains "$out" "not saved to disk" "probe message"
rm -f "$STATE/fill"
wait_until 15 no_broker_running || fail "the broker did not exit once the probe was saved"
mctl unmount share >/dev/null || fail "unmount after the probe case failed"
ok "a probe on a full state dir exits 10 with 'not saved to disk' (it recorded last_probe_at)"

# ---- SIGTERM with an unsaved change: it cannot be kept, so it is said loudly
unsaved_unmount chattr +i "$STATE"
pid=$(version_pid "$(mctl version)")
kill -TERM "$pid"
wait_until 10 no_broker_running || fail "the broker did not exit on SIGTERM"
chattr -i "$STATE"
grep -q "critical: state: exiting with changes that could not be saved" "$T/broker.log" ||
  fail "no critical log line about the unsaved change at SIGTERM"
grep -q "critical: state: not saved: share: desired unmounted" "$T/broker.log" ||
  fail "the lost change is not named in the log"
ok "SIGTERM while unsaved: the broker exits and logs which change is lost"
