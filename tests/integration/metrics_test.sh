#!/usr/bin/env bash
# Metrics for fleets, with real parts: a bindfs share killed and recovered, a mount whose helper
# fails (network class), the socket holder relaunching the broker, promtool. `mountctl metrics`
# and [broker] metrics_file (written when each activation ends) pass `promtool check metrics`
# and hold the facts: up, phase, desired, recoveries, failures by class, probe time, sweeps,
# activations counted across instances. The file appears only by a rename (strace), 0644 root.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
command -v promtool >/dev/null ||
  fail "promtool is not installed (Debian package prometheus: scripts/install-deps.sh)"
command -v strace >/dev/null || fail "strace is not installed"
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

mkdir -p "$T/src/share" "$T/mnt/share" "$T/mnt/broken" "$T/textfile"
echo data >"$T/src/share/file"
PROM=$T/textfile/mount-broker.prom
write_config "metrics_file = \"$PROM\"" \
  '[[mount]]' 'name = "share"' 'type = "command"' "mountpoint = \"$T/mnt/share\"" \
  "command = [\"bindfs\", \"$T/src/share\", \"{mountpoint}\"]" "source = \"$T/src/share\"" \
  '[[mount]]' 'name = "broken"' 'type = "command"' "mountpoint = \"$T/mnt/broken\"" \
  "command = [\"sh\", \"-c\", \"echo 'connect: Connection refused' >&2; exit 1\", \"{mountpoint}\"]" \
  "source = \"$T/src/broken\"" 'auto_mount = false'
start_holder
HOLDER_PID=$BG_PID

# A monitor holds the first broker while the test works, so that one activation does it all.
start_bg "$MOUNTCTL" --socket "$SOCK" monitor >"$T/monitor.out" 2>&1
MONITOR_PID=$BG_PID
wait_until 10 grep -q . "$T/monitor.out" || fail "the monitor did not start"

mctl mount share --wait >/dev/null || fail "mount share --wait"
mctl mount broken --wait >/dev/null 2>&1 && fail "the broken mount succeeded"
mctl sweep --now >/dev/null || true  # probes share: healthy
daemon=$(daemon_for "$T/mnt/share")
[ -n "$daemon" ] || fail "no bindfs daemon for share"
kill -KILL "$daemon"
wait_until 5 dead "$daemon" || fail "bindfs survived SIGKILL"
mctl sweep --now >/dev/null || true  # the probe fails (definite), share is recovered
assert_eq "$(status_of share recoveries)" 1 "share was recovered once"
assert_eq "$(launches)" 1 "one broker did all of it"
ok "setup: share probed, killed and recovered once, broken failed, one activation"

# sample TEXT LINE-PREFIX: the value of the first sample whose line starts with the prefix.
sample() { awk -v p="$2" 'index($0, p) == 1 {print $NF; exit}' <<<"$1"; }
check_text() {
  local text=$1 what=$2 activations=$3 out
  out=$(promtool check metrics <<<"$text" 2>&1) ||
    fail "promtool check metrics on $what: $out"$'\n'"$text"
  assert_eq "$(sample "$text" 'mount_broker_mount_up{mount="share"}')" 1 "$what: share up"
  assert_eq "$(sample "$text" 'mount_broker_mount_up{mount="broken"}')" 0 "$what: broken not up"
  assert_eq "$(sample "$text" 'mount_broker_mount_phase{mount="share",phase="mounted"}')" 1 \
    "$what: share's phase"
  assert_eq "$(sample "$text" 'mount_broker_mount_desired{mount="share",desired="mounted"}')" 1 \
    "$what: share wanted"
  assert_eq "$(sample "$text" 'mount_broker_mount_recoveries_total{mount="share"}')" 1 \
    "$what: share's recoveries"
  [ "$(sample "$text" 'mount_broker_mount_failures_total{mount="broken",class="network"}')" -ge 1 ] ||
    fail "$what: broken's network failure not counted"$'\n'"$text"
  [ "$(sample "$text" 'mount_broker_mount_failures_total{mount="share",')" -ge 1 ] ||
    fail "$what: share's failed probe not counted"$'\n'"$text"
  [ "$(sample "$text" 'mount_broker_mount_last_probe_timestamp_seconds{mount="share"}')" -ge "$T0" ] ||
    fail "$what: no probe time"
  grep -qE '^mount_broker_mount_last_probe_duration_seconds\{mount="share"\} [0-9]+\.[0-9]{3}$' \
    <<<"$text" || fail "$what: no probe duration"
  [ "$(sample "$text" 'mount_broker_last_sweep_timestamp_seconds')" -ge "$T0" ] ||
    fail "$what: no sweep time"
  grep -qE '^mount_broker_last_sweep_duration_seconds [0-9]+\.[0-9]{3}$' <<<"$text" ||
    fail "$what: no sweep duration"
  assert_eq "$(sample "$text" 'mount_broker_activations_total')" "$activations" "$what: activations"
}
T0=$(($(date +%s) - 120))

text=$(mctl metrics) || fail "mountctl metrics"
check_text "$text" "mountctl metrics" 1
json=$(mctl --json metrics) || fail "mountctl --json metrics"
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(not (d["ok"] and d["text"] == sys.argv[2] + "\n"))' \
  "$json" "$text" || fail "--json metrics is not the reply holding the same text: $json"
ok "mountctl metrics passes promtool: up, phase, desired, recoveries, failures by class, probe, sweep"

[ ! -e "$PROM" ] || fail "the metrics file was written before the activation ended"
stop_bg "$MONITOR_PID"
wait_until 15 no_broker_running || fail "the broker did not exit idle"
[ -f "$PROM" ] || fail "no metrics file after the activation ended"
assert_eq "$(stat -c '%a %U' "$PROM")" "644 root" "the metrics file's mode and owner"
check_text "$(cat "$PROM")" "$PROM" 1
ls -A "$T/textfile" | grep -qv '^mount-broker.prom$' && fail "left beside it: $(ls -A "$T/textfile")"
ok "the end of the activation wrote the metrics file (promtool clean, 0644 root, nothing beside it)"

# The second activation under strace: the file is only ever renamed into place, never opened
# for writing under its own name (a collector reading meanwhile sees the old or the new file).
start_bg strace -f -qq -e trace=openat,open,creat,rename,renameat,renameat2 -o "$T/trace" \
  -p "$HOLDER_PID"
STRACE_PID=$BG_PID
traced() { grep -q '^TracerPid:[[:space:]]*[1-9]' "/proc/$HOLDER_PID/status"; }
wait_until 10 traced || fail "strace did not attach to the socket holder"
mstatus >/dev/null || fail "status"
assert_eq "$(launches)" 2 "a second broker answered"
wait_until 15 no_broker_running || fail "the second broker did not exit idle"
stop_bg "$STRACE_PID"
grep -E 'open(at)?\(.*mount-broker\.prom"' "$T/trace" | grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC' &&
  fail "the metrics file was opened for writing under its own name"
grep -qE 'rename(at2?)?\(.*"\.mount-broker\.prom\.tmp-[0-9]+".*"mount-broker\.prom"' "$T/trace" ||
  fail "the metrics file was not renamed into place: $(grep prom "$T/trace")"
check_text "$(cat "$PROM")" "$PROM after a second activation" 2
ok "the file is replaced by a rename only; counters survive activations (activations_total 2)"
