#!/usr/bin/env bash
# Wall time of one `mountctl sweep` over N bindfs mounts of which K daemons are stopped with
# SIGSTOP (their probes time out; the others must not wait for them), and the broker's peak
# RSS (VmHWM) during that sweep. Runs in a private mount namespace; cleans up after itself.
#   bench/sweep_50.sh [BUILD_DIR] [N] [K]
set -euo pipefail
B=$(cd "${1:-$(dirname "$0")/../build}" && pwd)
N=${2:-50}
K=${3:-5}
if [ "${MB_BENCH_IN_NS:-}" != 1 ]; then
  MB_BENCH_IN_NS=1 exec unshare -m --propagation private bash "$0" "$B" "$N" "$K"
fi
D=$(mktemp -d /tmp/mb-sweep-bench.XXXXXX)
holder=""
cleanup() {
  for p in $(pgrep -f -- "bindfs $D/" || true); do kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null || true; done
  [ -z "$holder" ] || { kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null || true; }
  awk -v d="$D" '$5 ~ "^"d {print $5}' /proc/self/mountinfo | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf "$D"
}
trap cleanup EXIT

{
  echo "[broker]"
  echo "idle_exit_sec = 30"
  echo "admin_group = \"root\""
  echo "log_level = \"warn\""
  echo "[defaults]"
  echo "probe_interval_sec = 1"
  echo "probe_timeout_sec = 2"
  for i in $(seq "$N"); do
    mkdir -p "$D/src/$i" "$D/mnt/$i"
    echo "$i" >"$D/src/$i/file"
    printf '[[mount]]\nname = "m%s"\ntype = "command"\nmountpoint = "%s"\ncommand = ["bindfs", "%s", "{mountpoint}"]\nsource = "%s"\n' \
      "$i" "$D/mnt/$i" "$D/src/$i" "$D/src/$i"
  done
} >"$D/config.toml"
export MOUNT_BROKER_SOCKET=$D/s.sock
"$B/tests/socket_holder" --socket "$D/s.sock" -- "$B/mount-broker" --config "$D/config.toml" --state-dir "$D/state" 2>"$D/broker.log" &
holder=$!
for _ in $(seq 100); do [ -S "$D/s.sock" ] && break; sleep 0.05; done

t0=$(date +%s%N)
"$B/mountctl" sweep >/dev/null || true
t1=$(date +%s%N)
mounted=$(grep -c " $D/mnt/" /proc/self/mountinfo || true)
echo "first sweep (mounts all $N): $(( (t1 - t0) / 1000000 )) ms, $mounted mounted"

for i in $(seq "$K"); do kill -STOP "$(pgrep -f -- "bindfs $D/src/$i ")"; done
sleep 1.1  # let every probe come due
t0=$(date +%s%N)
json=$("$B/mountctl" --json sweep || true)
t1=$(date +%s%N)
broker=$(pgrep -x mount-broker | while read -r p; do tr '\0' ' ' <"/proc/$p/cmdline" | grep -qF "$D/" && echo "$p"; done | head -1)
hwm=$(awk '/VmHWM/ {print $2 " " $3}' "/proc/$broker/status")
degraded=$(grep -o '"state": "degraded"' <<<"$json" | wc -l)
echo "sweep with $K of $N daemons stopped: $(( (t1 - t0) / 1000000 )) ms wall, broker says $(sed 's/.*"duration_ms": \([0-9]*\).*/\1/' <<<"$json") ms; $degraded degraded"
echo "broker peak RSS (VmHWM) after that sweep: $hwm"
