#!/usr/bin/env bash
# Reconcile against real mounts (tmpfs, in a private mount namespace): what is mounted and
# ours is adopted, what the state says is mounted but is not is lost, someone else's mount is
# a conflict and left alone, and a corrupt state file is moved aside and rebuilt.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup
mkdir -p "$T/mnt/adopt" "$T/mnt/with space" "$T/mnt/lost" "$T/mnt/conflict" "$T/mnt/adoptx" "$STATE"

mount_cmd() { echo "command = [\"mount\", \"-t\", \"tmpfs\", \"$1\", \"{mountpoint}\"]"; }
write_config \
  '[[mount]]' 'name = "adopt"' 'type = "command"' "mountpoint = \"$T/mnt/adopt\"" \
  "$(mount_cmd mb-adopt)" 'source = "mb-adopt"' \
  '[[mount]]' 'name = "spaced"' 'type = "command"' "mountpoint = \"$T/mnt/with space\"" \
  "$(mount_cmd mb-spaced)" 'source = "mb-spaced"' \
  '[[mount]]' 'name = "lost"' 'type = "command"' "mountpoint = \"$T/mnt/lost\"" \
  "$(mount_cmd mb-lost)" 'source = "mb-lost"' \
  '[[mount]]' 'name = "conflict"' 'type = "command"' "mountpoint = \"$T/mnt/conflict\"" \
  "$(mount_cmd mb-conflict)" 'source = "mb-conflict"'

mount -t tmpfs mb-adopt "$T/mnt/adopt"
mount -t tmpfs mb-spaced "$T/mnt/with space"
mount -t tmpfs someone-else "$T/mnt/conflict"
# A mount point that merely starts with the same characters must not be confused with ours.
mount -t tmpfs mb-adopt "$T/mnt/adoptx"
# The state from an earlier activation says "lost" is mounted.
cat >"$STATE/state.json" <<JSON
{"schema": 1, "mounts": [{"name": "lost", "phase": "mounted", "desired": "mounted",
  "mountpoint": "$T/mnt/lost", "source": "mb-lost", "fstype": "tmpfs", "since": 1}]}
JSON
chmod 0600 "$STATE/state.json"

start_holder
json=$(mstatus --json) || fail "status failed"
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); m=[x for x in d["mounts"] if x["name"]==sys.argv[2]][0]; print(m[sys.argv[3]])' "$json" "$1" "$2"; }

assert_eq "$(field adopt state)" mounted "adopt state"
assert_eq "$(field adopt finding)" adopted "adopt finding"
ok "a tmpfs at a configured mount point with the configured source is adopted"

assert_eq "$(field spaced finding)" adopted "mount point with a space"
assert_eq "$(field spaced mountpoint)" "$T/mnt/with space" "decoded mount point"
ok "a mount point with a space (\\040 in mountinfo) is matched exactly"

assert_eq "$(field lost finding)" lost "lost finding"
assert_eq "$(field lost state)" unmounted "lost state"
assert_contains "$(field lost last_error)" "no longer in the mount table" "lost error"
ok "state saying mounted with nothing there is lost"

assert_eq "$(field conflict finding)" conflict "conflict finding"
assert_contains "$(field conflict last_error)" "someone-else" "conflict names what is there"
grep -q " $T/mnt/conflict " /proc/self/mountinfo || fail "the conflicting mount was touched"
ok "a different filesystem at the mount point is a conflict and left alone"

table=$(mstatus)
assert_contains "$table" "mounted (adopted)" "status table shows adoption"
assert_contains "$table" "unmounted (lost)" "status table shows loss"
ok "status shows the findings"

# The findings were persisted.
grep -q '"finding": "adopted"' "$STATE/state.json" || fail "state.json lacks the adoption"
ok "the reconcile result is saved in state.json"

# A corrupt state file: moved aside, loudly logged, state rebuilt from the mount table.
wait_until 10 no_broker_running || fail "broker did not exit"
printf '{"schema": 1, "mounts": [ {"name": "adopt", "phase": tru' >"$STATE/state.json"
json=$(mstatus --json) || fail "status with a corrupt state file failed"
ls "$STATE"/state.json.corrupt-* >/dev/null 2>&1 || fail "corrupt file not moved aside"
assert_eq "$(cat "$STATE"/state.json.corrupt-*)" '{"schema": 1, "mounts": [ {"name": "adopt", "phase": tru' "moved file keeps its bytes"
assert_eq "$(field adopt finding)" adopted "rebuilt from the mount table"
assert_contains "$json" "corrupt" "status warns about the corrupt file"
grep -q "corrupt" "$T/broker.log" || fail "the corrupt file was not logged"
ok "a corrupt state file is moved aside and the state rebuilt from the mount table"

# A state file from a newer schema is never overwritten.
wait_until 10 no_broker_running || fail "broker did not exit"
echo '{"schema": 99, "mounts": [], "future": true}' >"$STATE/state.json"
before=$(sha256sum <"$STATE/state.json")
json=$(mstatus --json) || fail "status with a newer state file failed"
assert_contains "$json" "newer" "status warns about the newer schema"
wait_until 10 no_broker_running || fail "broker did not exit"
assert_eq "$(sha256sum <"$STATE/state.json")" "$before" "newer state file bytes"
ok "a state file with a newer schema is never overwritten"
