#!/usr/bin/env bash
# Mount failures are classified from the real helper's result, and only transient ones are
# retried: a missing mount point is config (no timer; each sweep looks again), a wrong
# password is auth (never retried: retries lock accounts), an unreachable server is network (retried after
# failed_retry_sec, by a later sweep in a later broker instance, and that retry succeeds once
# the server is up). The helper is rclone mount (smb backend) against a private Samba server.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/samba_fixture.sh"
in_private_mount_ns "$@"
mb_setup
smb_install_cleanup

# The broker exits 1 s after its last client, and a retry 2 s away is then too far to keep it:
# the retry is left to the next sweep, in a new broker instance.
IDLE_EXIT=1
RETRY=2
smb_setup
smb_start
mkdir -p "$SMB_SHARE_DIR/data"
chmod 0777 "$SMB_SHARE_DIR/data"
token="server data $RANDOM"
echo "$token" >"$SMB_SHARE_DIR/data/hello.txt"

# The wrong password lives where rclone keeps it: its config file (0600, obscured).
rclone_conf "$T/good.conf"
rclone_conf "$T/bad.conf" "not-the-password-$RANDOM"
mkdir -p "$T/mnt/badpw" "$T/mnt/unreach" "$T/rclone-cache"
# A path below the share root: rclone logs on when it starts, so failures show at mount time.
# --low-level-retries 1: one logon attempt per mount, not ten.
mount_toml() {  # NAME MOUNTPOINT RCLONE_CONF
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$2\"" \
    "command = [\"rclone\", \"mount\", \"--config\", \"$3\", \"remote:$SMB_SHARE/data\", \"{mountpoint}\", \"--low-level-retries\", \"1\", \"--contimeout\", \"2s\", \"--cache-dir\", \"$T/rclone-cache\"]" \
    "source = \"remote:$SMB_SHARE/data\"" "failed_retry_sec = $RETRY" 'mount_timeout_sec = 15'
}
write_config \
  "$(mount_toml nomp "$T/mnt/missing" "$T/good.conf")" \
  "$(mount_toml badpw "$T/mnt/badpw" "$T/bad.conf")" \
  "$(mount_toml unreach "$T/mnt/unreach" "$T/good.conf")"
start_holder

json_of() { mstatus --json; }
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); m=[x for x in d["mounts"] if x["name"]==sys.argv[2]][0]; print(m[sys.argv[3]])' "$1" "$2" "$3"; }
sweep_field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); m=[x for x in d["mounts"] if x["name"]==sys.argv[2]][0]; print(m[sys.argv[3]])' "$1" "$2" "$3"; }
now() { date +%s; }

# ---- missing mount point: config, never retried
rc=0
out=$(mctl mount nomp --wait 2>&1) || rc=$?
assert_eq "$rc" 1 "mount of a missing mount point: exit status"
assert_contains "$out" "does not exist" "mount --wait names the problem"
json=$(json_of)
assert_eq "$(field "$json" nomp state)" failed "nomp state"
assert_eq "$(field "$json" nomp error_class)" config "nomp error_class"
assert_eq "$(field "$json" nomp next_attempt_at)" 0 "nomp next_attempt_at"
assert_contains "$(field "$json" nomp last_error)" "mkdir -p $T/mnt/missing" "nomp last_error says how to fix it"
assert_contains "$(field "$json" nomp last_error)" "the next sweep retries" "nomp last_error says a sweep picks the fix up"
ok "a missing mount point fails with error_class config, nothing scheduled"

# ---- wrong password: auth, never retried
rc=0
out=$(mctl mount badpw --wait 2>&1) || rc=$?
assert_eq "$rc" 1 "mount with a wrong password: exit status"
json=$(json_of)
assert_eq "$(field "$json" badpw state)" failed "badpw state"
assert_eq "$(field "$json" badpw error_class)" auth "badpw error_class"
assert_eq "$(field "$json" badpw next_attempt_at)" 0 "badpw next_attempt_at"
assert_contains "$(field "$json" badpw last_error)" "logon is invalid" "badpw last_error"
badpw_since=$(field "$json" badpw since)
wait_until 5 test "$(smb_failed_logons)" -ge 1 || fail "smbd logged no failed logon"
logons=$(smb_failed_logons)
ok "a wrong password fails with error_class auth ($logons failed logon(s) at the server), nothing scheduled"

# ---- unreachable server: network, retried later
smb_stop  # nothing listens on 127.0.0.1:$SMB_PORT now
rc=0
out=$(mctl mount unreach --wait 2>&1) || rc=$?
failed_at=$(now)
assert_eq "$rc" 1 "mount of an unreachable server: exit status"
json=$(json_of)
assert_eq "$(field "$json" unreach state)" failed "unreach state"
assert_eq "$(field "$json" unreach error_class)" network "unreach error_class"
assert_contains "$(field "$json" unreach last_error)" "connection refused" "unreach last_error"
unreach_since=$(field "$json" unreach since)
next=$(field "$json" unreach next_attempt_at)
[ "$next" -gt 0 ] && [ "$next" -ge "$unreach_since" ] && [ "$next" -le $((failed_at + RETRY)) ] ||
  fail "unreach next_attempt_at $next, failed at $failed_at (since $unreach_since, failed_retry_sec $RETRY)"
ok "an unreachable server fails with error_class network, retry at next_attempt_at ($((next - unreach_since)) s later)"

launches_before=$(launches)
wait_until 10 no_broker_running || fail "the broker did not exit while the retry was pending"
ok "the broker exits while the retry is pending (it is in the state file)"

# The server comes up on that port; once the retry is due, a sweep (a new broker) retries.
smb_restart
retry_due() { [ "$(now)" -ge "$next" ]; }
wait_until $((RETRY + 5)) retry_due || fail "next_attempt_at $next never came"
rc=0
sweep=$(mctl --json sweep 2>/dev/null) || rc=$?
assert_eq "$rc" 1 "sweep exit status (nomp and badpw stay failed: unhealthy)"
[ "$(launches)" -gt "$launches_before" ] || fail "the sweep was not served by a new broker"
assert_eq "$(sweep_field "$sweep" unreach state)" mounted "unreach after the sweep"
assert_eq "$(sweep_field "$sweep" unreach action)" mounted "sweep action for unreach"
json=$(json_of)
[ "$(field "$json" unreach since)" -gt "$unreach_since" ] || fail "unreach since did not move"
assert_eq "$(timeout 10 cat "$T/mnt/unreach/hello.txt")" "$token" "data through the retried mount"
ok "a sweep after next_attempt_at, in a new broker, retries the mount and it succeeds now that the server is up"

# The auth failure was not retried by that sweep, nor by the ones after it, well past
# failed_retry_sec. (The missing mount point is looked at again by each sweep: a mkdir fixes
# it; fixable_config_test covers that.)
assert_eq "$(sweep_field "$sweep" badpw action)" none "sweep action for badpw"
sleep $((RETRY + 1))
mctl sweep >/dev/null 2>&1 || true
wait_until 10 no_broker_running || fail "the broker did not exit"
sleep 1
mctl sweep >/dev/null 2>&1 || true
json=$(json_of)
for n in nomp badpw; do
  assert_eq "$(field "$json" $n state)" failed "$n state after sweeps"
  assert_eq "$(field "$json" $n next_attempt_at)" 0 "$n next_attempt_at after sweeps"
done
assert_eq "$(field "$json" badpw since)" "$badpw_since" "badpw since (no new attempt)"
assert_eq "$(field "$json" badpw error_class)" auth "badpw error_class after sweeps"
assert_eq "$(smb_failed_logons)" "$logons" "failed logons at the server after the sweeps"
ok "later sweeps (also in later broker instances) never retry the auth failure (the server saw no new logon); the missing mount point stays failed"
