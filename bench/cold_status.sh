#!/usr/bin/env bash
# Benchmark (prints figures; not a test): cold `mountctl status` (no broker running: the
# request starts one) against `findmnt -J`, interleaved, the ratio pair by pair, under each
# socket activator: tests/socket_holder (launchd/systemd stand-in), a private openbsd-inetd in
# `wait` mode (the documented inetd.conf line) and systemd-socket-activate in its default
# listening mode (Accept=no, as the shipped .socket unit), rerun after each broker exits.
# Before every cold sample (untimed) bench/wait_cold.sh waits until the previous broker has
# idled out (idle_exit_sec = 1) and the activator listens again.
#   bench/cold_status.sh [BUILD_DIR] [ACTIVATORS]     RUNS=12 MOUNTS=10
#   ACTIVATORS: any of "holder inetd ssa" (default all three)
# Runs in a private mount namespace (inetd always writes /run/inetd.pid: a tmpfs over /run
# keeps the machine's untouched). Everything it starts is ended by pid at exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [ "${MB_BENCH_IN_NS:-}" != 1 ]; then
  MB_BENCH_IN_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$HERE/lib.sh"
MOUNTS=${MOUNTS:-10}
RUNS=${RUNS:-12}
bench_setup "${1:-}"
WHICH=${2:-holder inetd ssa}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_header "cold mountctl status / findmnt -J, per activator ($MOUNTS mounts)"
bench_write_config 1
BROKER_ARGS=(--config "$CONFIG" --state-dir "$STATE")

wait_socket() { local _; for _ in $(seq 200); do [ -S "$1" ] && return 0; sleep 0.05; done; echo "no socket $1" >&2; exit 1; }
run_pair() { # LABEL SOCK PREP
  python3 "$HERE/pair.py" --runs "$RUNS" --warmup 1 --prep-a "$3" \
    --label "cold mountctl status under $1 vs findmnt -J" \
    --row "cold \`mountctl status\` ($1) / \`findmnt -J\`" --target "<= 2.0x" \
    -- "$MOUNTCTL" --socket "$2" status --vs findmnt -J
}

for what in $WHICH; do
  case $what in
    holder)
      "$HOLDER" --socket "$T/holder.sock" --events "$T/holder.events" -- \
        "$BROKER" "${BROKER_ARGS[@]}" 2>>"$T/broker.log" &
      BENCH_PIDS+=($!)
      wait_socket "$T/holder.sock"
      run_pair "socket holder" "$T/holder.sock" "$HERE/wait_cold.sh $T/ --events $T/holder.events"
      ;;
    inetd)
      [ -x /usr/sbin/inetd ] || { echo "inetd: skipped (openbsd-inetd is not installed)"; continue; }
      mount -t tmpfs -o size=1m,mode=0755 mb-bench-run /run
      printf '%s\tstream\tunix\twait\troot\t%s\tmount-broker\t%s\n' "$T/inetd.sock" "$BROKER" \
        "${BROKER_ARGS[*]}" >"$T/inetd.conf"
      /usr/sbin/inetd -d "$T/inetd.conf" >>"$T/inetd.log" 2>&1 &
      BENCH_PIDS+=($!)
      wait_socket "$T/inetd.sock"
      run_pair "inetd wait" "$T/inetd.sock" "$HERE/wait_cold.sh $T/ --listening $T/inetd.sock"
      ;;
    ssa)
      SSA=$(command -v systemd-socket-activate) || { echo "ssa: skipped (not installed)"; continue; }
      ssa_loop() { # the service manager's part: start the activator again after each broker
        local child=""
        trap '[ -z "$child" ] || kill -TERM "$child" 2>/dev/null; wait; exit 0' TERM INT
        while :; do
          "$SSA" -l "$T/ssa.sock" "$BROKER" "${BROKER_ARGS[@]}" 2>>"$T/ssa.log" &
          child=$!
          wait "$child" || true
          child=""
        done
      }
      ssa_loop &
      BENCH_PIDS+=($!)
      wait_socket "$T/ssa.sock"
      run_pair "systemd-socket-activate" "$T/ssa.sock" "$HERE/wait_cold.sh $T/ --listening $T/ssa.sock"
      ;;
    *) echo "unknown activator $what" >&2; exit 2 ;;
  esac
done
