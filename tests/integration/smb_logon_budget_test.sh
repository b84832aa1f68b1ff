#!/usr/bin/env bash
# A wrong password must not be retried until the account locks. A real Samba server (auth
# audit log) and real `rclone mount` (smb backend) with a wrong password, as command mounts:
#  - "logged" writes its log to a file (--log-file), so stderr is empty: the broker reads the
#    file, classifies the failure as auth, says so in status, and never retries it;
#  - "silent" logs nowhere the broker can read (--log-file=/dev/null): the failure has no
#    known class, so it is retried at most 3 times an hour (the logon budget, kept in
#    state.json), not every failed_retry_sec; a new broker activation keeps the budget.
# smbd's auth_audit lines count the refused logons that reached the server. rclone runs with
# --low-level-retries 1 so that one mount attempt is one logon (its default, 10, would make
# every attempt ten logons; docs/CONFIG.md says so).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/samba_fixture.sh"
in_private_mount_ns "$@"
command -v rclone >/dev/null || { echo "SKIP: rclone is not installed"; exit 0; }
mb_setup
smb_install_cleanup

smb_setup
smb_start
mkdir -p "$SMB_SHARE_DIR/data" "$T/mnt/logged" "$T/mnt/silent"
chmod 0777 "$SMB_SHARE_DIR/data"
RCONF=$T/rclone-wrong.conf
rclone_conf "$RCONF" "not-the-password-$RANDOM"

rclone_mount() { # NAME LOG-FLAG...
  local name=$1 args="" a
  shift
  for a in "$@"; do args+=", \"$a\""; done
  printf '%s\n' '[[mount]]' "name = \"$name\"" 'type = "command"' "mountpoint = \"$T/mnt/$name\"" \
    "command = [\"rclone\", \"mount\", \"--config\", \"$RCONF\", \"remote:$SMB_SHARE/data\", \"{mountpoint}\", \"--low-level-retries\", \"1\"$args]" \
    "source = \"remote:$SMB_SHARE/data\"" 'auto_mount = false' 'failed_retry_sec = 1' \
    'recover_backoff_sec = [1, 1, 1, 1, 1]' 'mount_timeout_sec = 15'
}
write_config "$(rclone_mount logged --log-file "$T/rclone-logged.log")" \
  "$(rclone_mount silent --log-file=/dev/null)"
start_holder

# field JSON NAME KEY: one field of one mount in `mountctl --json status` output.
field() {
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print([x for x in d["mounts"] if x["name"]==sys.argv[2]][0][sys.argv[3]])' "$1" "$2" "$3"
}
status_of() { field "$(mstatus --json)" "$1" "$2"; }

# sweeps_for SECONDS: a sweep every 0.5 s (failed_retry_sec is 1: old code retried at each).
sweeps_for() {
  local end=$((SECONDS + $1))
  while [ $SECONDS -lt $end ]; do
    mctl sweep >/dev/null 2>&1 || true
    sleep 0.5
  done
}

# ---- a wrong password logged to a file: auth, never retried
before=$(smb_failed_logons)
set +e
out=$(mctl mount logged --wait 2>&1)
rc=$?
set -e
assert_eq "$rc" 1 "exit status of a mount with a wrong password ($out)"
assert_contains "$out" "logged: auth:" "the class in mountctl's message"
assert_contains "$out" "logon is invalid" "rclone's reason, read from its log file"
sweeps_for 8
json=$(mstatus --json)
assert_eq "$(field "$json" logged error_class)" auth "class in status"
assert_eq "$(field "$json" logged next_attempt_at)" 0 "no retry scheduled"
assert_contains "$(field "$json" logged last_error)" "not retried automatically" "status says it is not retried"
logons=$(($(smb_failed_logons) - before))
assert_eq "$logons" 1 "refused logons for the mount that logs to a file, over 8 s of sweeps"
ok "rclone --log-file with a wrong password: class auth from its log, 1 logon in 8 s of sweeps, status says not retried"

# ---- no reason anywhere: class unknown, at most 3 attempts an hour
before=$(smb_failed_logons)
mctl mount silent >/dev/null || true
sweeps_for 15
logons=$(($(smb_failed_logons) - before))
echo "refused logons of the silent mount in 15 s of sweeps: $logons"
[ "$logons" -ge 1 ] && [ "$logons" -le 3 ] || fail "$logons refused logons in 15 s (budget: 3 an hour)"
json=$(mstatus --json)
assert_eq "$(field "$json" silent error_class)" unknown "class of a failure with no message"
assert_eq "$(field "$json" silent state)" failed "state"
next=$(field "$json" silent next_attempt_at)
[ "$next" -ge $(($(date +%s) + 3000)) ] || fail "next attempt at $next is not about an hour away"
assert_contains "$(field "$json" silent last_error)" "retries at most 3 times an hour" "status explains the budget"
ok "a failure without a known reason: $logons logons in 15 s of sweeps (failed_retry_sec 1), next try an hour later, status says why"

# ---- the budget survives the broker's exit
wait_until 15 no_broker_running || fail "the broker did not exit when idle"
before=$(smb_failed_logons)
sweeps_for 4
assert_eq "$(($(smb_failed_logons) - before))" 0 "logons after a new activation"
assert_eq "$(status_of silent next_attempt_at)" "$next" "next attempt after a new activation"
ok "a new activation keeps the budget: no logon in 4 s of sweeps"
