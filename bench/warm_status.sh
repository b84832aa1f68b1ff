#!/usr/bin/env bash
# Benchmark (prints figures; not a test): warm `mountctl status` (a broker already running
# under tests/socket_holder, $MOUNTS command mounts) against `findmnt -J` (reading and printing
# the mount table), interleaved, the ratio pair by pair.
#   bench/warm_status.sh [BUILD_DIR]      RUNS=40 MOUNTS=10
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
MOUNTS=${MOUNTS:-10}
bench_setup "${1:-}"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_header "warm mountctl status / findmnt -J"
bench_write_config 300
"$HOLDER" --socket "$SOCK" --events "$T/events" -- \
  "$BROKER" --config "$CONFIG" --state-dir "$STATE" 2>>"$T/broker.log" &
BENCH_PIDS+=($!)
for _ in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.05; done
"$MOUNTCTL" --socket "$SOCK" status >/dev/null
python3 "$HERE/pair.py" --runs "${RUNS:-40}" --warmup 3 \
  --label "warm mountctl status ($MOUNTS mounts) vs findmnt -J" \
  --row "warm \`mountctl status\` / \`findmnt -J\`" --target "<= 1.0x" \
  -- "$MOUNTCTL" --socket "$SOCK" status --vs findmnt -J
[ "$(grep -c '^launch' "$T/events")" = 1 ] || echo "warning: the broker was started more than once" >&2
