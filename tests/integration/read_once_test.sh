#!/usr/bin/env bash
# One activation reads config.toml once (validated, peeked at for the state directory and
# snapshotted from the same bytes) and opens /proc/self/mountinfo once: the table is read
# again only when the kernel says it changed (poll), so status stays a checked fact. Counted
# with strace (opens, every thread), not timed. A reload reads the file once more.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v strace >/dev/null || fail "strace is not installed"
mb_setup

lines=()
for i in 1 2 3; do
  mkdir -p "$T/mnt/m$i"
  lines+=('[[mount]]' "name = \"m$i\"" 'type = "command"' "mountpoint = \"$T/mnt/m$i\""
    'command = ["true", "{mountpoint}"]' 'auto_mount = false')
done
IDLE_EXIT=30 write_config "${lines[@]}"

opens() { grep -c "openat(.*\"$1\"" "$T/trace" || true; }
start_bg strace -f -qq -e trace=openat -o "$T/trace" \
  "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$SOCK" 2>>"$T/broker.log"
strace_pid=$BG_PID
wait_until 10 socket_exists || fail "the broker did not listen"

mctl status >/dev/null || fail "cold status failed"
mctl status >/dev/null || fail "second status failed"
assert_eq "$(opens "$CONFIG")" 1 "opens of config.toml by a start and two status requests"
cmp -s "$CONFIG" "$STATE/config.last-good.toml" || fail "the snapshot is not the config's bytes"
ok "start-up and two status requests read config.toml once; the snapshot holds its bytes"

# status_finding NAME: the mount's reconcile finding as status shows it.
status_finding() {
  mctl --json status | python3 -c 'import json,sys; print([m for m in json.load(sys.stdin)["mounts"] if m["name"]==sys.argv[1]][0].get("finding",""))' "$1"
}
before=$(status_finding m2)
mount -t tmpfs mb-other "$T/mnt/m2" || fail "cannot mount a tmpfs"
after=$(status_finding m2)
[ "$after" != "$before" ] || fail "status did not see a mount made after the table was read ($after)"
umount "$T/mnt/m2"
again=$(status_finding m2)
assert_eq "$again" "$before" "the finding after that mount went away"
assert_eq "$(opens /proc/self/mountinfo)" 1 "opens of /proc/self/mountinfo"
ok "mountinfo is opened once; status still sees a mount come ($before -> $after) and go"

mctl reload >/dev/null || fail "reload failed"
assert_eq "$(opens "$CONFIG")" 2 "opens of config.toml after one reload"
ok "a reload reads config.toml once more"

# A later cold status that changes nothing writes nothing: no rewrite and fsync of state.json
# per `status` (only an operator with [broker] metrics_file pays one, for the activation count).
broker_pid=$(version_pid "$(mctl version)")
[ -n "$broker_pid" ] || fail "no broker pid in mountctl version"
kill -TERM "$broker_pid"
stop_bg "$strace_pid"  # strace ends with its tracee
no_socket() { [ ! -S "$SOCK" ]; }
wait_until 10 no_socket || rm -f "$SOCK"
start_bg strace -f -qq -e trace=openat,rename,renameat,renameat2 -o "$T/trace2" \
  "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$SOCK" 2>>"$T/broker.log"
wait_until 10 socket_exists || fail "the second broker did not listen"
mctl status >/dev/null || fail "status of the second broker failed"
writes=$(grep -cE 'state\.json\.tmp-|rename.*state\.json' "$T/trace2" || true)
assert_eq "$writes" 0 "writes of state.json by a cold status that changes nothing"
ok "a cold status that changes nothing does not rewrite state.json"
