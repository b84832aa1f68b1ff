#!/usr/bin/env bash
# Dead and hung FUSE shares (bindfs), in a private mount namespace:
#  1. kill -9 of the daemon: the next sweep's probe sees a definite failure (ENOTCONN) and
#     remounts at once; recoveries == 1; later sweeps are healthy.
#  2. kill -STOP of the daemon: every probe times out (ambiguous: degraded), each sweep is
#     bounded by the probe deadline, the third in a row recovers it (abort the connection,
#     unmount, end the stopped daemon, remount); a healthy share is probed meanwhile without
#     waiting for the hung one; nothing is left in state D and the broker still exits idle.
#  3. a share unmounted behind the broker's back is reported lost and remounted by a sweep.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup

. "$(dirname "$0")/fuse_lib.sh"

now_ms() { date +%s%3N; }
# Processes of this test in uninterruptible sleep (e.g. stuck on a hung FUSE request).
d_state_procs() { ps -eo pid=,stat=,args= | awk -v t="$T/" '$2 ~ /^D/ && index($0, t)'; }
probe_children() { pgrep -f -- "--internal probe $T/" || true; }
no_probe_children() { [ -z "$(probe_children)" ]; }
stuck_probe_running() { [ -n "$(pgrep -f -- "--internal probe $T/mnt/stuck" || true)" ]; }

# ---- setup
for n in killed stuck healthy gone; do
  mkdir -p "$T/src/$n" "$T/mnt/$n"
  echo "data of $n" >"$T/src/$n/file"
done
bindfs_mount() {
  local n=$1
  shift
  printf '%s\n' '[[mount]]' "name = \"$n\"" 'type = "command"' "mountpoint = \"$T/mnt/$n\"" \
    "command = [\"bindfs\", \"$T/src/$n\", \"{mountpoint}\"]" "source = \"$T/src/$n\"" "$@"
}
PROBE_TIMEOUT=2
write_config \
  "$(bindfs_mount killed 'probe_interval_sec = 1')" \
  "$(bindfs_mount stuck 'probe_interval_sec = 1' "probe_timeout_sec = $PROBE_TIMEOUT" \
    'probe_failure_threshold = 3')" \
  "$(bindfs_mount healthy 'probe_interval_sec = 1' "probe_timeout_sec = $PROBE_TIMEOUT")" \
  "$(bindfs_mount gone)"
start_holder
for n in killed stuck healthy gone; do
  mctl mount "$n" --wait >/dev/null || fail "mount $n --wait"
  assert_eq "$(timeout 3 cat "$T/mnt/$n/file")" "data of $n" "data of $n after mounting"
done
ok "four bindfs shares mounted"

# ======== 1. kill -9 of the daemon: definite failure, remounted by the next sweep
sleep 1.1  # the probe interval (1 s) has passed since the mount
old=$(daemon_for "$T/mnt/killed")
[ -n "$old" ] || fail "no daemon for killed"
kill -KILL "$old"
wait_until 5 dead "$old" || fail "bindfs $old survived SIGKILL"
rc=0
sweep=$(mctl --json sweep) || rc=$?
assert_eq "$(sweep_item "$sweep" killed action)" recovered "sweep action after kill -9 (sweep: $sweep)"
assert_eq "$(sweep_item "$sweep" killed state)" mounted "state after the sweep"
grep -q "killed: mounted -> recovering (probe): probe: .*Transport endpoint is not connected" "$T/broker.log" ||
  fail "the broker did not log a definite failure (ENOTCONN) that went straight to recovering"
! grep -q "killed: mounted -> degraded" "$T/broker.log" || fail "a dead daemon was treated as ambiguous"
ok "after kill -9 the next sweep sees a definite failure (ENOTCONN) and remounts at once (sweep exit $rc)"

assert_eq "$(timeout 3 cat "$T/mnt/killed/file")" "data of killed" "data after the remount"
new=$(daemon_for "$T/mnt/killed")
[ -n "$new" ] && [ "$new" != "$old" ] || fail "no new daemon after the remount ($old -> $new)"
json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" killed recoveries)" 1 "recoveries"
assert_eq "$(field "$json" killed state)" mounted "state in status"
assert_eq "$(field "$json" killed reason)" recovered "reason in status"
ok "the data is visible again through a new daemon ($new); status shows recoveries == 1"

sleep 1.1
sweep=$(mctl --json sweep) || fail "the sweep after the recovery is unhealthy (exit $?): $sweep"
assert_eq "$(sweep_item "$sweep" killed healthy)" true "killed healthy after recovery"
ok "the sweep after the recovery exits 0"

# ======== 2. kill -STOP of the daemon: timeouts, degraded, recovered at the third
stopped=$(daemon_for "$T/mnt/stuck")
healthy_daemon=$(daemon_for "$T/mnt/healthy")
[ -n "$stopped" ] && [ -n "$healthy_daemon" ] || fail "no daemon for stuck or healthy"
# The FUSE connection number is the minor of the mount's device ("0:41" in mountinfo);
# read from the table, as stat on the mount point would hang once the daemon is stopped.
conn=$(awk -v m="$T/mnt/stuck" '$5 == m {split($3, d, ":"); print d[2]}' /proc/self/mountinfo)
[ -n "$conn" ] || fail "no device for $T/mnt/stuck in mountinfo"
kill -STOP "$stopped"
# From here on the cleanup trap continues and kills it whatever happens.
max_sweep_ms=$(((PROBE_TIMEOUT + 4) * 1000))  # probe deadline + kill grace + slack
for i in 1 2 3; do
  sleep 1.1  # the probe interval has passed since the last probe
  start=$(now_ms)
  start_bg mctl --json sweep >"$T/sweep.$i" 2>"$T/sweep.$i.err"  # reaped by the cleanup if we fail
  sweep_pid=$BG_PID
  if [ "$i" = 1 ]; then
    # While the stuck share's probe hangs, the healthy one answers at once.
    wait_until 5 stuck_probe_running || fail "no probe of the stuck share is running"
    p_start=$(now_ms)
    probe=$(mctl --json probe healthy) || fail "probe of the healthy share failed: $probe"
    p_ms=$(($(now_ms) - p_start))
    assert_eq "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["outcome"])' "$probe")" healthy \
      "probe of the healthy share"
    s_start=$(now_ms)
    mstatus --json >/dev/null || fail "status while a probe hangs"
    s_ms=$(($(now_ms) - s_start))
    # The behaviour, not a speed: both were answered while the stuck probe still hung.
    stuck_probe_running || fail "the stuck probe ended before the healthy probe was answered"
    ok "while the stuck share's probe hangs, mountctl probe healthy answers in $p_ms ms (status: $s_ms ms)"
  fi
  rc=0
  wait "$sweep_pid" || rc=$?
  forget_bg "$sweep_pid"
  took=$(($(now_ms) - start))
  sweep=$(cat "$T/sweep.$i")
  [ -n "$sweep" ] || fail "sweep $i printed nothing (exit $rc): $(cat "$T/sweep.$i.err")"
  echo "sweep $i: exit $rc, $took ms: $sweep"
  assert_eq "$(sweep_item "$sweep" healthy healthy)" true "healthy share in sweep $i"
  assert_eq "$(sweep_item "$sweep" healthy action)" probed "healthy share probed in sweep $i"
  if [ "$i" -lt 3 ]; then
    [ "$took" -lt "$max_sweep_ms" ] || fail "sweep $i took $took ms (probe timeout $PROBE_TIMEOUT s)"
    assert_eq "$rc" 1 "sweep $i exit status with a degraded share"
    assert_eq "$(sweep_item "$sweep" stuck state)" degraded "stuck state after sweep $i"
    assert_contains "$(sweep_item "$sweep" stuck detail)" "timed out after $PROBE_TIMEOUT s" "sweep $i detail"
    alive "$stopped" || fail "the stopped daemon was ended before the threshold (sweep $i)"
    json=$(mstatus --json) || fail "status failed"
    assert_eq "$(field "$json" stuck error_class)" timeout "error class after sweep $i"
    ok "sweep $i: the probe times out (ambiguous), stuck is degraded, the sweep took $took ms"
  else
    # The recovery adds a force unmount and a remount to the probe deadline.
    [ "$took" -lt $((max_sweep_ms + 5000)) ] || fail "sweep 3 took $took ms"
    assert_eq "$rc" 0 "sweep 3 exit status after the recovery"
    assert_eq "$(sweep_item "$sweep" stuck action)" recovered "stuck action in sweep 3"
    assert_eq "$(sweep_item "$sweep" stuck state)" mounted "stuck state after sweep 3"
    ok "sweep 3: the third timeout in a row recovers the share ($took ms, exit 0)"
  fi
done
wait_until 5 dead "$stopped" || fail "the stopped daemon $stopped still exists after the recovery"
assert_eq "$(timeout 3 cat "$T/mnt/stuck/file")" "data of stuck" "data after recovering the hung share"
new=$(daemon_for "$T/mnt/stuck")
[ -n "$new" ] && [ "$new" != "$stopped" ] || fail "no new daemon for stuck ($stopped -> $new)"
[ "$(awk -v m="$T/mnt/stuck" '$5 == m' /proc/self/mountinfo | wc -l)" = 1 ] ||
  fail "more than one mount stacked at $T/mnt/stuck"
# The broker aborted the hung connection through fusectl (mounted by it in this namespace
# if it was not). Connection numbers are global and reused at once by any new FUSE mount
# (other tests run in parallel), so the broker's own account is what is checked.
mounted_at /sys/fs/fuse/connections || fail "fusectl is not mounted: the connection was not aborted"
grep -q "stuck: aborted FUSE connection $conn;" "$T/broker.log" ||
  fail "the broker did not abort FUSE connection $conn"
json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" stuck recoveries)" 1 "stuck recoveries"
assert_eq "$(field "$json" healthy state)" mounted "healthy state"
assert_eq "$(field "$json" healthy recoveries)" 0 "healthy recoveries"
alive "$healthy_daemon" || fail "the healthy share's daemon was ended"
ok "the hung connection $conn was aborted, the stopped daemon ended, the share remounted ($new) and readable; the healthy share was left alone"

wait_until 5 no_probe_children || fail "probe children left: $(probe_children)"
[ -z "$(d_state_procs)" ] || fail "processes in state D: $(d_state_procs)"
wait_until $((${IDLE_EXIT:-2} + 5)) no_broker_running || fail "the broker did not exit when idle: $(broker_pids)"
[ -z "$(d_state_procs)" ] || fail "processes in state D: $(d_state_procs)"
ok "no probe child and no process in state D is left; the broker exits when idle"

# ======== 3. unmounted behind the broker's back: lost, then remounted by a sweep
gone_daemon=$(daemon_for "$T/mnt/gone")
umount "$T/mnt/gone" || fail "umount by hand"
not_mounted_at "$T/mnt/gone" || fail "still mounted after umount"
wait_until 5 dead "$gone_daemon" || fail "bindfs did not exit after the umount by hand"
json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" gone finding)" lost "finding after umount by hand"
assert_eq "$(field "$json" gone state)" unmounted "state after umount by hand"
assert_eq "$(field "$json" gone desired)" mounted "desired after umount by hand"
assert_contains "$(mstatus)" "unmounted (lost)" "status table"
ok "a share unmounted behind the broker's back is reported lost"

sweep=$(mctl --json sweep) || fail "the sweep remounting the lost share is unhealthy (exit $?): $sweep"
assert_eq "$(sweep_item "$sweep" gone action)" recovered "action for the lost share"
mounted_at "$T/mnt/gone" || fail "the lost share was not remounted"
assert_eq "$(timeout 3 cat "$T/mnt/gone/file")" "data of gone" "data after remounting the lost share"
assert_eq "$(status_of gone recoveries)" 1 "recoveries of the lost share"
ok "the next sweep remounts the lost share (counted as a recovery)"

wait_until $((${IDLE_EXIT:-2} + 5)) no_broker_running || fail "the broker did not exit when idle"
ok "the broker exits when idle at the end"
