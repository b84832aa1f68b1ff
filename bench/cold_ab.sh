#!/usr/bin/env bash
# Benchmark (prints figures; not a test): cold `mountctl status` answered by the broker of
# BUILD_A against the same answered by the broker of BUILD_B, interleaved, the ratio pair by
# pair. Each broker has its own tests/socket_holder and state dir; both use BUILD_A's mountctl,
# so the ratio is the two brokers' start and answer alone (no findmnt noise in between).
#   bench/cold_ab.sh BUILD_A BUILD_B      RUNS=30 MOUNTS=10
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
MOUNTS=${MOUNTS:-10}
[ $# -eq 2 ] || { echo "usage: $0 BUILD_A BUILD_B" >&2; exit 2; }
B_BROKER=$(cd "$2" && pwd)/mount-broker
[ -x "$B_BROKER" ] || { echo "missing $B_BROKER" >&2; exit 2; }
bench_setup "$1"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_header "cold mountctl status: broker of $1 / broker of $2"
bench_write_config 1
for x in a b; do
  broker=$BROKER
  [ "$x" = b ] && broker=$B_BROKER
  mkdir -p "$T/$x"
  "$HOLDER" --socket "$T/$x/sock" --events "$T/$x/events" -- \
    "$broker" --config "$CONFIG" --state-dir "$T/$x/state/" 2>>"$T/broker.log" &
  BENCH_PIDS+=($!)
done
for _ in $(seq 200); do [ -S "$T/a/sock" ] && [ -S "$T/b/sock" ] && break; sleep 0.05; done
python3 "$HERE/pair.py" --runs "${RUNS:-30}" --warmup 1 \
  --prep-a "$HERE/wait_cold.sh $T/a/ --events $T/a/events" \
  --prep-b "$HERE/wait_cold.sh $T/b/ --events $T/b/events" \
  --label "cold mountctl status, broker A vs broker B (socket holder, $MOUNTS mounts)" \
  -- "$MOUNTCTL" --socket "$T/a/sock" status --vs "$MOUNTCTL" --socket "$T/b/sock" status
