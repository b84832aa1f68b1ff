#!/usr/bin/env bash
# Time from `kill -9` of a FUSE daemon (bindfs) to a healthy remount when a sweep is run
# right after: the sweep's own duration_ms and the wall time until the data reads again.
# Runs in a private mount namespace; cleans up after itself.   bench/recovery_time.sh [BUILD] [RUNS]
set -euo pipefail
B=$(cd "${1:-$(dirname "$0")/../build}" && pwd)
RUNS=${2:-5}
if [ "${MB_BENCH_IN_NS:-}" != 1 ]; then
  MB_BENCH_IN_NS=1 exec unshare -m --propagation private bash "$0" "$B" "$RUNS"
fi
D=$(mktemp -d /tmp/mb-recovery-bench.XXXXXX)
holder=""
cleanup() {
  [ -z "$holder" ] || { kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null || true; }
  umount -l "$D/mnt" 2>/dev/null || true
  for p in $(pgrep -f -- "bindfs $D/" || true); do kill "$p" 2>/dev/null || true; done
  rm -rf "$D"
}
trap cleanup EXIT
mkdir -p "$D/src" "$D/mnt"
echo data >"$D/src/file"
cat >"$D/config.toml" <<TOML
[broker]
idle_exit_sec = 60
admin_group = "root"
log_level = "warn"
[[mount]]
name = "a"
type = "command"
mountpoint = "$D/mnt"
command = ["bindfs", "$D/src", "{mountpoint}"]
source = "$D/src"
probe_interval_sec = 1
TOML
export MOUNT_BROKER_SOCKET=$D/s.sock
"$B/tests/socket_holder" --socket "$D/s.sock" -- "$B/mount-broker" --config "$D/config.toml" --state-dir "$D/state" 2>/dev/null &
holder=$!
for _ in $(seq 100); do [ -S "$D/s.sock" ] && break; sleep 0.05; done
"$B/mountctl" mount a --wait >/dev/null
for i in $(seq "$RUNS"); do
  sleep 1.1  # the probe comes due (probe_interval_sec = 1)
  kill -9 "$(pgrep -f -- "bindfs $D/src")"
  t0=$(date +%s%N)
  json=$("$B/mountctl" --json sweep)
  until timeout 1 cat "$D/mnt/file" >/dev/null 2>&1; do sleep 0.001; done
  t1=$(date +%s%N)
  echo "run $i: sweep duration_ms $(sed 's/.*"duration_ms": \([0-9]*\).*/\1/' <<<"$json"), kill to data readable $(( (t1 - t0) / 1000000 )) ms, action $(grep -o '"action": "[a-z]*"' <<<"$json")"
done
