#!/usr/bin/env bash
# Benchmark (prints figures; not a test): cold `mountctl status` with BIG configured mounts
# (1000) against cold `mountctl status` with SMALL (10), interleaved, the ratio pair by pair.
# Two tests/socket_holder instances, one per config; before each sample (untimed) the broker
# of the previous one has idled out (idle_exit_sec = 1), so every sample starts a broker that
# reads the config, the state (one record per mount after the first sample), the mount table
# and reconciles. The mounts are `command` mounts that status never runs.
#   bench/cold_status_scale.sh [BUILD_DIR]     RUNS=10 BIG=1000 SMALL=10
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
BIG=${BIG:-1000}
SMALL=${SMALL:-10}
bench_setup "${1:-}"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_header "cold mountctl status, $BIG mounts / $SMALL mounts"
for size in "$BIG" "$SMALL"; do
  MOUNTS=$size CONFIG=$T/c$size.toml STATE=$T/s$size/ bench_write_config 1
  "$HOLDER" --socket "$T/$size.sock" --events "$T/$size.events" -- \
    "$BROKER" --config "$T/c$size.toml" --state-dir "$T/s$size/" 2>>"$T/broker.log" &
  BENCH_PIDS+=($!)
  for _ in $(seq 200); do [ -S "$T/$size.sock" ] && break; sleep 0.05; done
done
python3 "$HERE/pair.py" --runs "${RUNS:-10}" --warmup 1 \
  --prep-a "$HERE/wait_cold.sh $T/c$BIG.toml --events $T/$BIG.events" \
  --prep-b "$HERE/wait_cold.sh $T/c$SMALL.toml --events $T/$SMALL.events" \
  --label "cold mountctl status, $BIG vs $SMALL mounts" \
  --row "cold status, $BIG mounts / $SMALL mounts" --target "<= 2x" \
  -- "$MOUNTCTL" --socket "$T/$BIG.sock" status --vs "$MOUNTCTL" --socket "$T/$SMALL.sock" status
