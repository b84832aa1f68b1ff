#!/usr/bin/env bash
# SMB end to end: a real Samba server (smbd on 127.0.0.1, private port and state) and a share
# mounted through a real FUSE SMB client, `rclone mount` (smb backend), as a `command` mount
# that stays in the foreground (the broker detaches it and counts it mounted once the mount
# table shows it). Shows: mount --wait and data written on the server side readable through
# the mount; a server that is frozen (SIGSTOP) never makes probe or sweep hang; a server that
# is killed (kill -9) and restarted is recovered by sweeps and its data is visible again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/samba_fixture.sh"
in_private_mount_ns "$@"
mb_setup
smb_install_cleanup

PROBE_TIMEOUT=3
smb_setup
smb_start
# The mount is of a directory inside the share: for a path below the share root, rclone
# connects (and logs on) when it starts, so a mount with the server down fails instead of
# mounting a file system that errors on every access.
DATA=$SMB_SHARE_DIR/data
mkdir -p "$DATA"
chmod 0777 "$DATA"
token="written on the server $RANDOM"
echo "$token" >"$DATA/hello.txt"

RCONF=$T/rclone.conf
rclone_conf "$RCONF"
MNT=$T/mnt/share
mkdir -p "$MNT" "$T/rclone-cache"

# --dir-cache-time 0s: a file created on the server shows up at once (checked below); the
# probe does not need it (smb_fault_probe_test runs rclone's defaults). --low-level-retries 1, --contimeout, --timeout: errors come
# back in seconds instead of after ten retries.
write_config \
  '[[mount]]' 'name = "share"' 'type = "command"' "mountpoint = \"$MNT\"" \
  "command = [\"rclone\", \"mount\", \"--config\", \"$RCONF\", \"remote:$SMB_SHARE/data\", \"{mountpoint}\", \"--dir-cache-time\", \"0s\", \"--low-level-retries\", \"1\", \"--contimeout\", \"2s\", \"--timeout\", \"5s\", \"--cache-dir\", \"$T/rclone-cache\"]" \
  "source = \"remote:$SMB_SHARE/data\"" \
  'probe_interval_sec = 1' "probe_timeout_sec = $PROBE_TIMEOUT" 'probe_failure_threshold = 3' \
  'recover_backoff_sec = [1, 3, 5, 10]' 'failed_retry_sec = 2' 'mount_timeout_sec = 10'
start_holder

field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); m=[x for x in d["mounts"] if x["name"]=="share"][0]; print(m[sys.argv[2]])' "$1" "$2"; }
sweep_action() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print([x for x in d["mounts"] if x["name"]=="share"][0]["action"])' "$1"; }
status_field() { field "$(mstatus --json)" "$1"; }
# mountinfo: field 5 is the mount point; the file system type follows the "-" separator.
is_mounted() {
  awk -v m="$MNT" '$5 == m { for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == "fuse.rclone") found = 1; break } }
    END { exit !found }' /proc/self/mountinfo
}
now_ms() { date +%s%3N; }

# ---- mount --wait; server-side data readable through the mount
out=$(mctl mount share --wait) || fail "mount --wait failed: $out"
assert_contains "$out" "share: mounted at $MNT" "mount --wait output"
is_mounted || fail "no fuse.rclone mount at $MNT"
assert_eq "$(status_field state)" mounted "state after mount"
assert_eq "$(timeout 10 cat "$MNT/hello.txt")" "$token" "file written on the server, read through the mount"
ok "mount --wait mounts the share through rclone; a file written on the server is readable"

timeout 10 sh -c "echo 'from the client' >'$MNT/client.txt'" || fail "write through the mount failed"
wait_until 10 grep -qx 'from the client' "$DATA/client.txt" || fail "a write through the mount never reached the server"
echo "later $RANDOM" >"$DATA/later.txt"
wait_until 10 timeout 3 grep -qF later "$MNT/later.txt" || fail "a file created on the server after mounting is not visible"
ok "writes through the mount reach the server; files created later on the server appear"

# ---- a frozen server: nothing hangs
bound_ms=$(((PROBE_TIMEOUT + 4) * 1000))
smb_sigstop
t0=$(now_ms)
rc=0
out=$(mctl probe share 2>&1) || rc=$?
took=$(($(now_ms) - t0))
echo "probe with smbd stopped: rc $rc, ${took} ms: $out"
[ "$took" -le "$bound_ms" ] || fail "probe took ${took} ms with smbd stopped (bound ${bound_ms} ms)"
assert_eq "$rc" 1 "probe exit status with smbd stopped"
assert_contains "$out" "ambiguous" "probe outcome with smbd stopped"
assert_contains "$out" "timed out" "probe detail with smbd stopped"
ok "probe with every smbd stopped returns in ${took} ms: ambiguous, timed out"

sleep 1.1  # the next sweep's probe is due (probe_interval_sec = 1)
t0=$(now_ms)
rc=0
out=$(mctl --json sweep 2>&1) || rc=$?
took=$(($(now_ms) - t0))
echo "sweep with smbd stopped: rc $rc, ${took} ms"
[ "$took" -le "$bound_ms" ] || fail "sweep took ${took} ms with smbd stopped (bound ${bound_ms} ms)"
assert_eq "$rc" 1 "sweep exit status with smbd stopped (unhealthy)"
# Degraded after two timed-out probes (threshold 3); or already recovering: once rclone's
# --timeout (5 s) has passed on the request the first probe left behind, rclone answers EIO,
# which through FUSE is definite.
state=$(status_field state)
case $state in degraded | recovering) ;; *) fail "state with smbd stopped: $state ($(sweep_action "$out"))" ;; esac
ok "sweep with every smbd stopped returns in ${took} ms, unhealthy; the share is $state"

smb_sigcont
healthy_again() { sleep 1.1; mctl sweep >/dev/null 2>&1; }
wait_until 30 healthy_again || fail "no healthy sweep within 30 s after SIGCONT: $(mstatus)"
assert_eq "$(status_field state)" mounted "state after SIGCONT"
assert_eq "$(timeout 10 cat "$MNT/hello.txt")" "$token" "data after SIGCONT"
ok "after SIGCONT a sweep finds the share healthy again (mounted)"

# ---- a killed server: recovered by sweeps once it is back
recoveries_before=$(status_field recoveries)
smb_kill9
# Probes now fail (EIO or a timeout: ambiguous); the third in a row starts the recovery:
# force unmount, then a remount that fails while the server is down (backoff 1, 3, 5, 10 s).
recovering() {
  sleep 1.1
  mctl sweep >/dev/null 2>&1 || true
  [ "$(status_field state)" = recovering ]
}
wait_until 40 recovering || fail "no recovery started within 40 s of kill -9: $(mstatus)"
is_mounted && fail "the dead mount is still in the mount table during the recovery"
no_rclone || fail "the dead share's rclone daemon was not ended: $(rclone_pids)"
assert_contains "$(status_field last_error)" "refused" "last_error while the server is down"
assert_eq "$(status_field error_class)" network "error_class while the server is down"
ok "kill -9 of smbd: probes fail, recovery starts (force unmount, rclone ended), remount fails: network"

smb_restart
token2="written after the restart $RANDOM"
echo "$token2" >"$DATA/after-restart.txt"
mounted_again() {
  sleep 1
  mctl sweep >/dev/null 2>&1 || true
  [ "$(status_field state)" = mounted ]
}
wait_until 40 mounted_again || fail "not mounted again within 40 s of the restart: $(mstatus)"
recoveries=$(status_field recoveries)
[ "$recoveries" -ge $((recoveries_before + 1)) ] || fail "recoveries $recoveries, before $recoveries_before"
assert_eq "$(status_field reason)" recovered "reason after the remount"
is_mounted || fail "no fuse.rclone mount at $MNT after the recovery"
assert_eq "$(timeout 10 cat "$MNT/hello.txt")" "$token" "old data after the recovery"
assert_eq "$(timeout 10 cat "$MNT/after-restart.txt")" "$token2" "new data after the recovery"
mctl sweep >/dev/null || fail "sweep unhealthy after the recovery: $(mstatus)"
ok "smbd restarted: the share is recovered (recoveries $recoveries), old and new data visible, sweep healthy"

# ---- unmount: the rclone daemon goes with it
out=$(mctl unmount share) || fail "unmount failed: $out"
is_mounted && fail "still mounted after unmount"
wait_until 10 no_rclone || fail "rclone still running after unmount: $(rclone_pids)"
assert_eq "$(status_field state)" unmounted "state after unmount"
ok "unmount unmounts the share and the rclone daemon exits"
