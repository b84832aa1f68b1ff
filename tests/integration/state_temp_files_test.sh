#!/usr/bin/env bash
# A broker SIGKILLed in the middle of a save (strace kills it at the rename that would have
# put the temp file in place) leaves ".NAME.tmp-PID" in the state directory. The next broker
# removes such files at start, under the state lock, and only those; the state a killed save
# left is the old one, intact.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup
mkdir -p "$T/mnt/keep" "$STATE"
write_config '[[mount]]' 'name = "keep"' 'type = "command"' "mountpoint = \"$T/mnt/keep\"" \
  'command = ["mount", "-t", "tmpfs", "mb-keep", "{mountpoint}"]' 'source = "mb-keep"'

# run_killed_at_rename N: one broker, SIGKILLed when it calls rename for the Nth time (the
# rename is not done). Bounded by timeout; the broker is reaped here.
run_killed_at_rename() {
  local rc=0
  # In a subshell whose stderr is the log, so that its "Killed" notice goes there too.
  (
    exec 2>>"$T/broker.log"
    timeout 30 strace -qq -o /dev/null \
      -e inject=rename,renameat,renameat2:error=EIO:signal=KILL:when="$1" \
      "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$T/direct.sock" || exit $?
  ) || rc=$?
  [ "$rc" -ne 0 ] || fail "the broker was not killed at rename $1"
}
temps() { find "$STATE" -maxdepth 1 -name ".$1.tmp-*" -printf '%f\n'; }

# First save of a start: the config snapshot.
run_killed_at_rename 1
[ -n "$(temps config.last-good.toml)" ] || fail "no snapshot temp file after the kill"
[ ! -e "$STATE/config.last-good.toml" ] || fail "the snapshot was saved although killed"
ok "a broker killed while saving the config snapshot leaves its temp file"

# The second save of that start: the parsed config's cache (the snapshot is saved first).
run_killed_at_rename 2
[ -n "$(temps config.cache)" ] || fail "no cache temp file after the kill"
[ ! -e "$STATE/config.cache" ] || fail "the cache was saved although killed"
ok "a broker killed while saving the config cache leaves its temp file"

# The state from an earlier activation says "keep" is mounted; reconcile finds it lost and
# saves: the second rename of this start (after the cache's; the snapshot is saved already).
cat >"$STATE/state.json" <<JSON
{"schema": 1, "mounts": [{"name": "keep", "phase": "mounted", "desired": "mounted",
  "mountpoint": "$T/mnt/keep", "source": "mb-keep", "fstype": "tmpfs", "since": 1}]}
JSON
chmod 0600 "$STATE/state.json"
before=$(cat "$STATE/state.json")
run_killed_at_rename 2
[ -n "$(temps state.json)" ] || fail "no state temp file after the kill"
assert_eq "$(cat "$STATE/state.json")" "$before" "state.json after a killed save"
ok "a broker killed while saving the state leaves its temp file and the old state.json"

# Files that are not our temp files stay, whatever their name looks like.
for f in .state.json.tmp-12x .state.json.tmp- state.json.tmp-5 .notes.tmp-5; do
  echo "not ours" >"$STATE/$f"
done

start_holder
json=$(mstatus --json) || fail "status failed"
finding=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["mounts"][0]["finding"])' \
  "$json")
assert_eq "$finding" lost "finding of keep (read from the state the killed save left)"
left=$(temps state.json | grep -E 'tmp-[0-9]+$' || true)
[ -z "$left" ] || fail "state temp files left: $left"
[ -z "$(temps config.last-good.toml)" ] || fail "snapshot temp files left"
[ -z "$(temps config.cache)" ] || fail "cache temp files left"
for f in .state.json.tmp-12x .state.json.tmp- state.json.tmp-5 .notes.tmp-5; do
  assert_eq "$(cat "$STATE/$f")" "not ours" "$f"
done
grep -q "removed .*\.state\.json\.tmp-[0-9]*, left by a save that was interrupted" "$T/broker.log" ||
  fail "the removal is not logged"
ok "the next broker removes the temp files of killed saves, and nothing else"

wait_until 20 no_broker_running || fail "the broker did not idle-exit"
