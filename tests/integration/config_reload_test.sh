#!/usr/bin/env bash
# The broker always runs on a valid config: an invalid file is refused by reload (exit 6,
# message with file and line), the last good config stays in force, also across restarts.
. "$(dirname "$0")/lib.sh"
mb_setup
mount_a=('[[mount]]' 'name = "alpha"' 'type = "command"' "mountpoint = \"$T/mnt/alpha\"" 'command = ["true", "{mountpoint}"]')
mount_b=('[[mount]]' 'name = "beta"' 'type = "command"' "mountpoint = \"$T/mnt/beta\"" 'command = ["true", "{mountpoint}"]')
write_config "${mount_a[@]}"
start_holder

assert_eq "$(mctl list)" "alpha" "initial mounts"
ok "the config's mounts are listed"

"$BROKER" --check-config "$CONFIG" >/dev/null || fail "--check-config on a good file"
printf '[broker]\nidle_exit_sec = 0\n[[mount]]\nname = "bad name!"\n' >"$CONFIG"
rc=0
out=$("$BROKER" --check-config "$CONFIG" 2>&1) || rc=$?
[ $rc -ne 0 ] || fail "--check-config accepted an invalid file"
assert_contains "$out" "$CONFIG:2" "message names file and line"
ok "mount-broker --check-config names the file, line and key"

rc=0
out=$(mctl reload 2>&1) || rc=$?
assert_eq "$rc" 6 "exit status of reload with an invalid config"
assert_contains "$out" "$CONFIG:2" "reload error names file and line"
assert_contains "$out" "idle_exit_sec" "reload error names the key"
assert_eq "$(mctl list)" "alpha" "mounts after a refused reload"
ok "reload refuses an invalid config and keeps the old one"

# A new instance finds the invalid file and falls back to the last good config.
wait_until 10 no_broker_running || fail "broker did not exit"
out=$(mstatus)
assert_contains "$out" "alpha" "last good config in force after restart"
assert_contains "$out" "warning: " "status warns"
assert_contains "$out" "last good config" "status says which config is in force"
ok "after a restart the last good config stays in force and status says so"

write_config "${mount_b[@]}"
out=$(mctl reload) || fail "reload of a fixed config"
assert_contains "$out" "added beta" "reload reports additions"
assert_contains "$out" "removed alpha" "reload reports removals"
assert_eq "$(mctl list)" "beta" "mounts after reload"
ok "reload applies a valid config and reports what changed"

chmod 0666 "$CONFIG"
rc=0
out=$(mctl reload 2>&1) || rc=$?
assert_eq "$rc" 6 "world-writable config"
assert_contains "$out" "chmod" "the message says how to fix it"
ok "a config writable by others is refused"
