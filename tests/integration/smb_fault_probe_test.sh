#!/usr/bin/env bash
# Probes that must reach the server. A real Samba server (with the Apple fruit extensions) in
# a network namespace of the test's own; two `rclone mount`s of one share as command mounts,
# both with rclone's DEFAULT directory cache (5 min: stat, readdir and lookups are answered
# from rclone's cache long after the server is gone):
#   dflt: rclone's defaults (no --dir-cache-time, no --low-level-retries); probe_path names a
#         file of the share, whose first bytes every probe reads
#   eio:  no probe_path (the probe reads a file it finds in the root); the same rclone flags
#         plus --low-level-retries 1, so a refused connection comes back as EIO in well under
#         a second instead of after ~11 s of retries
# Faults, each followed by what a user would see in `mountctl sweep` and `status`:
#   - a frozen smbd (SIGSTOP): the first sweep reports both mounts unhealthy
#   - a half-open link (nftables drops every packet, no RST): unhealthy at the first sweep,
#     recovering within probe_failure_threshold sweeps; mounted again once the link is back
#   - the share's directory removed on the server: reported at the first sweep (rclone still
#     lists the root from its cache; the read of a file there fails)
#   - smbd killed (SIGKILL): rclone answers EIO; the eio mount's recovery starts at the first
#     sweep, without waiting for the threshold
#   - smbd back without the share's directory: the remount shows an empty root where the
#     share had content; reported, never healthy
# No user-facing read of a hung mount runs here: only the broker's probe children, which it
# kills at probe_timeout_sec.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/samba_fixture.sh"
smb_in_private_net "$@"
mb_setup
. "$(dirname "$0")/fuse_lib.sh"
smb_install_cleanup

THRESHOLD=3
SMB_FRUIT=1 smb_setup
smb_start
DATA=$SMB_SHARE_DIR/data
mkdir -p "$DATA"
chmod 0777 "$DATA"
echo "content $RANDOM" >"$DATA/hello.txt"

# One rclone config per mount, the remote named after the mount: two mounts of one source
# would look alike in the mount table (and to reconcile).
for m in dflt eio; do
  rclone_conf "$T/rclone-$m.conf"
  sed -i "s/^\[remote\]\$/[$m]/" "$T/rclone-$m.conf"
done
mkdir -p "$T/mnt/dflt" "$T/mnt/eio" "$T/rclone-cache"
# rclone_mount NAME PROBE_PATH EXTRA-ARGS...: one [[mount]] of NAME:share/data through
# rclone mount.
rclone_mount() {
  local name=$1 probe_path=$2 args="" a
  shift 2
  for a in "$@"; do args+=", \"$a\""; done
  printf '%s\n' '[[mount]]' "name = \"$name\"" 'type = "command"' \
    "mountpoint = \"$T/mnt/$name\"" "source = \"$name:$SMB_SHARE/data\"" \
    "${probe_path:+probe_path = \"$probe_path\"}" \
    "command = [\"rclone\", \"mount\", \"--config\", \"$T/rclone-$name.conf\", \"$name:$SMB_SHARE/data\", \"{mountpoint}\", \"--cache-dir\", \"$T/rclone-cache/$name\"$args]"
}
write_config '[defaults]' 'probe_interval_sec = 1' 'probe_timeout_sec = 3' \
  "probe_failure_threshold = $THRESHOLD" 'recover_backoff_sec = [1, 2, 3]' \
  'failed_retry_sec = 2' 'mount_timeout_sec = 6' \
  "$(rclone_mount dflt hello.txt)" "$(rclone_mount eio "" --low-level-retries 1)"
start_holder

SWEEP_OUT=
SWEEP_RC=0
LAST_SWEEP=0
# One sweep once a probe is due again: probe times are whole seconds and probe_interval_sec
# is 1, so a new second must have begun since the last sweep ended.
next_second() { [ "$(date +%s)" -gt "$LAST_SWEEP" ]; }
sweep() {
  wait_until 3 next_second
  SWEEP_RC=0
  SWEEP_OUT=$(mctl --json sweep 2>&1) || SWEEP_RC=$?
  LAST_SWEEP=$(date +%s)
}
item() { sweep_item "$SWEEP_OUT" "$1" "$2"; }
# Sweeps until every named mount is in STATE, at most N sweeps.
sweeps_until() {
  local n=$1 state=$2 name all
  shift 2
  for _ in $(seq "$n"); do
    sweep
    all=1
    for name in "$@"; do [ "$(status_of "$name" state)" = "$state" ] || all=0; done
    [ $all = 1 ] && return 0
  done
  return 1
}

# ---- healthy
for m in dflt eio; do
  out=$(mctl mount "$m" --wait) || fail "mount --wait $m failed: $out"
done
LAST_SWEEP=$(date +%s) # a mount counts as a probe: the next second's sweep probes both
sweep
assert_eq "$SWEEP_RC" 0 "sweep of two healthy mounts (exit status): $SWEEP_OUT"
for m in dflt eio; do
  assert_eq "$(item "$m" action)" probed "$m probed by the first sweep"
  assert_eq "$(item "$m" healthy)" true "$m healthy"
done
ok "both rclone mounts (default directory cache) are mounted and healthy"

# ---- the share's directory removed on the server: rclone still lists it from its cache
mv "$DATA" "$SMB_SHARE_DIR/data.gone"
sweep
assert_eq "$SWEEP_RC" 1 "first sweep after the share's directory was removed (exit status)"
for m in dflt eio; do
  assert_eq "$(item "$m" healthy)" false "$m healthy with its root removed"
  assert_contains "$(status_of "$m" last_error)" "removed on the server" "$m last_error with its root removed"
done
ok "root removed on the server: the first sweep reports it, though rclone's cache still lists it"
mv "$SMB_SHARE_DIR/data.gone" "$DATA"
sweeps_until 5 mounted dflt eio || fail "not mounted again after the root came back: $(mstatus)"
ok "root back: both mounts healthy"

# ---- a frozen server: the first sweep says so
smb_sigstop
sweep
assert_eq "$SWEEP_RC" 1 "sweep exit status with smbd stopped"
for m in dflt eio; do
  assert_eq "$(item "$m" healthy)" false "$m healthy with smbd stopped"
  assert_eq "$(status_of "$m" state)" degraded "$m state with smbd stopped"
  assert_contains "$(status_of "$m" last_error)" "timed out" "$m last_error with smbd stopped"
done
ok "smbd stopped (SIGSTOP): the first sweep reports both mounts unhealthy (degraded, probe timed out)"
smb_sigcont
sweeps_until 5 mounted dflt eio || fail "not healthy again after SIGCONT: $(mstatus)"
ok "smbd continued: healthy again"

# ---- a half-open link: unhealthy at once, recovering within the threshold
smb_drop
sweep
assert_eq "$SWEEP_RC" 1 "first sweep on a half-open link (exit status)"
assert_eq "$(item dflt healthy)" false "dflt healthy on a half-open link"
n=1
while [ "$(status_of dflt state)" = degraded ] && [ $n -lt $THRESHOLD ]; do
  sweep
  n=$((n + 1))
  assert_eq "$(item dflt healthy)" false "dflt healthy in sweep $n on a half-open link"
done
state=$(status_of dflt state)
case $state in recovering | failed) ;; *) fail "dflt is $state after $n sweeps on a half-open link" ;; esac
ok "half-open link: every sweep unhealthy, recovery started after $n sweeps (threshold $THRESHOLD)"
smb_undrop
sweeps_until 15 mounted dflt eio || fail "not mounted again after the link came back: $(mstatus)"
[ "$(status_of dflt recoveries)" -ge 1 ] || fail "dflt was not recovered: $(mstatus)"
ok "link back: both mounts recovered and healthy"

# ---- smbd killed: rclone's EIO starts the recovery at once
smb_kill9
sweep
assert_eq "$SWEEP_RC" 1 "first sweep after smbd was killed (exit status)"
grep -q "eio: mounted -> recovering (probe): probe: .*Input/output error" "$T/broker.log" ||
  fail "the eio mount's first probe after kill -9 did not start a recovery: $(grep 'eio:' "$T/broker.log" | tail -5)"
case $(status_of eio state) in recovering | failed) ;; *) fail "eio is $(status_of eio state)" ;; esac
assert_eq "$(status_of dflt state)" degraded "dflt (EIO only after ~11 s of retries: its probe timed out)"
ok "smbd killed: rclone's EIO started the eio mount's recovery at the first sweep; dflt degraded"

# ---- the server comes back without the share's directory: the remount shows an empty root
mv "$DATA" "$SMB_SHARE_DIR/data.gone"
smb_restart
# The sweep that remounts may count the fresh mount healthy (it is not probed in the second
# it was mounted); the next probe must report the empty root.
reported_empty() {
  sweep
  case $(status_of eio last_error) in *"root is empty, but it had entries"*) return 0 ;; esac
  return 1
}
for _ in $(seq 8); do reported_empty && break; done
assert_contains "$(status_of eio last_error)" "root is empty, but it had entries" "eio after the restart"
assert_eq "$SWEEP_RC" 1 "the sweep that found the empty root (exit status)"
assert_eq "$(item eio healthy)" false "eio healthy with an empty root"
ok "server back without the directory: rclone mounts an empty root, and it is reported, not healthy"
