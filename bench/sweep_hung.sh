#!/usr/bin/env bash
# Benchmark (prints figures; not a test): one `mountctl sweep` over N bindfs mounts of which K
# daemons are stopped with SIGSTOP (their probes can only time out; the others must not wait
# for them), with probe_timeout_sec = TIMEOUT, for each N given; and the broker's peak RSS
# (VmHWM) after that sweep. The yardstick is the budget TIMEOUT + 1 s (the stuck probes'
# deadline plus a second for everything else): the ratio sweep / budget must be <= 1.
#   bench/sweep_hung.sh [BUILD_DIR] [N ...]      default N: 50 200 500 1000; K=10 TIMEOUT=2
# Per N: the script mounts the N bindfs shares itself (as root, so the broker's first
# reconcile adopts them as its own), starts the broker under tests/socket_holder with a
# cold `mountctl status`, waits until every probe is due (probe_interval_sec = 1), stops K
# daemons, and times the sweep (spawn of mountctl to its exit). Runs in a private mount
# namespace; every daemon it started is continued and killed by pid, every mount undone,
# before the next N and at exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [ "${MB_BENCH_IN_NS:-}" != 1 ]; then
  MB_BENCH_IN_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$HERE/lib.sh"
command -v bindfs >/dev/null || { echo "bindfs is required (apt-get install bindfs)" >&2; exit 2; }
bench_setup "${1:-}"
shift || true
[ $# -gt 0 ] || set -- 50 200 500 1000
K=${K:-10}
TIMEOUT=${TIMEOUT:-2}
HOLDER_PID=

teardown() { # everything of the current N: broker, daemons, mounts
  bench_stop "$HOLDER_PID"
  HOLDER_PID=
  local p
  for p in $(bench_own_pids mount-broker); do kill -KILL "$p" 2>/dev/null || true; done
  for p in $(bench_own_pids bindfs); do kill -CONT "$p" 2>/dev/null; kill -KILL "$p" 2>/dev/null || true; done
  awk -v d="$T/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m" 2>/dev/null || true; done
}
cleanup() { teardown; rm -rf "$T"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
bench_header "sweep of N bindfs mounts, $K daemons SIGSTOPped, probe_timeout_sec = $TIMEOUT"

sweep_once() { # N
  local n=$1 D=$T/n$1 i
  mkdir -p "$D"
  {
    printf '[broker]\nidle_exit_sec = 60\nadmin_group = "root"\nlog_level = "warn"\n'
    printf '[defaults]\nprobe_interval_sec = 1\nprobe_timeout_sec = %s\n' "$TIMEOUT"
    for i in $(seq "$n"); do
      mkdir -p "$D/src/$i" "$D/mnt/$i"
      echo "$i" >"$D/src/$i/file"
      printf '[[mount]]\nname = "m%s"\ntype = "command"\nmountpoint = "%s"\ncommand = ["bindfs", "%s", "{mountpoint}"]\nsource = "%s"\n' \
        "$i" "$D/mnt/$i" "$D/src/$i" "$D/src/$i"
    done
  } >"$D/config.toml"
  local t0 t1
  t0=$(date +%s%N)
  seq "$n" | xargs -P 4 -I{} bindfs "$D/src/{}" "$D/mnt/{}"
  t1=$(date +%s%N)
  local mounted
  mounted=$(awk -v d="$D/mnt/" 'index($5, d) == 1' /proc/self/mountinfo | wc -l)
  [ "$mounted" = "$n" ] || { echo "N=$n: only $mounted of $n bindfs mounts are there" >&2; exit 1; }
  "$HOLDER" --socket "$D/s.sock" --events "$D/events" -- \
    "$BROKER" --config "$D/config.toml" --state-dir "$D/state" 2>"$D/broker.log" &
  HOLDER_PID=$!
  for _ in $(seq 200); do [ -S "$D/s.sock" ] && break; sleep 0.05; done
  local c0 c1
  c0=$(date +%s%N)
  timeout 600 "$MOUNTCTL" --socket "$D/s.sock" status >/dev/null
  c1=$(date +%s%N)
  sleep 1.1  # every probe comes due (probe_interval_sec = 1); not a synchronisation
  for i in $(seq "$K"); do
    local p
    for p in $(bench_own_pids bindfs); do
      tr '\0' '\n' <"/proc/$p/cmdline" | grep -qxF -- "$D/src/$i" && kill -STOP "$p"
    done
  done
  local json s0 s1
  s0=$(date +%s%N)
  json=$(timeout 900 "$MOUNTCTL" --socket "$D/s.sock" --json sweep) || true
  s1=$(date +%s%N)
  local broker hwm ms degraded probed
  broker=$(sed -n 's/^launch \([0-9]*\)$/\1/p' "$D/events" | tail -n1)
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$broker/status")
  ms=$(((s1 - s0) / 1000000))
  degraded=$(grep -o '"state": "degraded"' <<<"$json" | wc -l || true)
  probed=$(grep -o '"action": "probed"' <<<"$json" | wc -l || true)
  printf 'N=%-5s setup %5d ms; cold status (adopts all) %6d ms; sweep %7d ms (%d probed, %d degraded); sweep / budget %.2f; VmHWM %6d kB (%.2f of 16 MiB)\n' \
    "$n" $(((t1 - t0) / 1000000)) $(((c1 - c0) / 1000000)) "$ms" "$probed" "$degraded" \
    "$(awk -v a="$ms" -v b="$TIMEOUT" 'BEGIN {print a / ((b + 1) * 1000)}')" "$hwm" \
    "$(awk -v a="$hwm" 'BEGIN {print a / 16384}')"
  LAST_MS=$ms LAST_HWM=$hwm LAST_N=$n
  teardown
  rm -rf "$D"
}

for n in "$@"; do sweep_once "$n"; done
printf 'row\tone sweep, N=%s, %s hung, probe_timeout_sec = %s: sweep / (timeout + 1 s)\t%.2f (%.1f s)\t<= 1.0\n' \
  "$LAST_N" "$K" "$TIMEOUT" "$(awk -v a="$LAST_MS" -v b="$TIMEOUT" 'BEGIN {print a / ((b + 1) * 1000)}')" \
  "$(awk -v a="$LAST_MS" 'BEGIN {print a / 1000}')"
printf 'row\tbroker peak RSS (VmHWM) in that sweep, N=%s / 16 MiB\t%.2f (%d kB)\t<= 1.0\n' \
  "$LAST_N" "$(awk -v a="$LAST_HWM" 'BEGIN {print a / 16384}')" "$LAST_HWM"
