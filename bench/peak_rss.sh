#!/usr/bin/env bash
# Benchmark (prints figures; not a test, not registered with ctest): peak resident memory of
# the broker under tests/socket_holder with a config of $MOUNTS "command" mounts, and of
# mountctl.
#
#   bench/peak_rss.sh [BUILD_DIR]        BUILD_DIR defaults to $MB_BIN, else ./build
#
#   MOUNTS=10  [[mount]] entries in the config
#   SEQ_N=50   sequential `mountctl status` requests
#   CONC_N=50  concurrent `mountctl status` processes, then as many concurrent raw connections
#
# One broker instance (idle exit 300 s) serves everything; VmHWM / VmRSS / RssAnon / RssFile
# are read from /proc/<broker pid>/status (Pss from smaps_rollup) after the cold start and
# after each stage. The
# last reading is taken just before the holder stops the broker. mountctl's peak RSS is the
# maximum resident set size from GNU time (`/usr/bin/time -f %M`, package `time`).
#
# Everything lives in a mktemp dir under /tmp; the holder, and any broker or mountctl whose
# command line names that dir, are ended by pid at exit; the dir is removed.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
MOUNTS=${MOUNTS:-10}
SEQ_N=${SEQ_N:-50}
CONC_N=${CONC_N:-50}
bench_setup "${1:-}"
EVENTS=$T/events.log
HOLDER_PID=

own_pids() {
  local p
  for p in $(pgrep -x "$1" || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$T/" && echo "$p"
  done
  return 0
}

stop_holder() {
  [ -n "$HOLDER_PID" ] || return 0
  kill -TERM "$HOLDER_PID" 2>/dev/null || true  # the holder stops its broker (SIGTERM, wait)
  for _ in $(seq 50); do kill -0 "$HOLDER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$HOLDER_PID" 2>/dev/null || true
  wait "$HOLDER_PID" 2>/dev/null || true
  HOLDER_PID=
}

cleanup() {
  local rc=$?
  stop_holder
  for p in $(own_pids timeout) $(own_pids mountctl) $(own_pids mount-broker); do
    kill -KILL "$p" 2>/dev/null || true
  done
  if [ $rc -ne 0 ] && [ -s "$T/broker.log" ]; then
    echo "--- broker log (last 20 lines)" >&2
    tail -n 20 "$T/broker.log" >&2
  fi
  rm -rf "$T"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_write_config 300

mctl() { timeout 30 "$MOUNTCTL" --socket "$SOCK" "$@"; }
launches() { grep -c '^launch' "$EVENTS" 2>/dev/null || true; }

# mem LABEL: one line of the broker's memory figures (kB).
# Pss (from smaps_rollup) charges shared library pages pro rata to the processes mapping them.
mem() {
  local s=/proc/$BPID/status
  [ -r "$s" ] || { echo "broker $BPID is gone" >&2; exit 1; }
  awk -v label="$1" '
    /^VmHWM:/ {hwm = $2} /^VmRSS:/ {rss = $2} /^RssAnon:/ {anon = $2} /^RssFile:/ {file = $2}
    /^Threads:/ {thr = $2} /^Pss:/ {pss = $2}
    END {printf "%-42s VmHWM %6d kB  VmRSS %6d kB  (RssAnon %4d, RssFile %5d)  Pss %5d kB  threads %d\n",
         label, hwm, rss, anon, file, pss, thr}' "$s" "/proc/$BPID/smaps_rollup"
}

echo "# mount-broker peak RSS   $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "# binaries: $MB_BIN ($(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$MB_BIN/CMakeCache.txt" 2>/dev/null))"
echo "# machine: nproc $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), kernel $(uname -r)"
echo "# mounts in config: $MOUNTS"

"$HOLDER" --socket "$SOCK" --events "$EVENTS" -- \
  "$BROKER" --config "$CONFIG" --state-dir "$STATE" 2>>"$T/broker.log" &
HOLDER_PID=$!
for _ in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.1; done
[ -S "$SOCK" ] || { echo "socket holder did not create $SOCK" >&2; exit 1; }

mctl status >/dev/null
BPID=$(sed -n 's/^launch \([0-9]*\)$/\1/p' "$EVENTS" | tail -n1)
[ -n "$BPID" ] || { echo "no broker launched" >&2; exit 1; }
mem "broker after the cold status"

for _ in $(seq "$SEQ_N"); do mctl status >/dev/null; done
mem "broker after $SEQ_N sequential status"

pids=()
for _ in $(seq "$CONC_N"); do
  mctl status >/dev/null &
  pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
[ $fails -eq 0 ] || { echo "$fails concurrent mountctl runs failed" >&2; exit 1; }
mem "broker after $CONC_N concurrent mountctl"

# All connections open at once, every request sent before any reply is read.
python3 - "$SOCK" "$CONC_N" <<'PY'
import socket, sys
path, n = sys.argv[1], int(sys.argv[2])
socks = []
for _ in range(n):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    s.connect(path)
    socks.append(s)
for s in socks:
    s.sendall(b'{"v": 1,"id": 1,"op": "status"}\n')
for s in socks:
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = s.recv(65536)
        if not chunk:
            sys.exit("connection closed before a full reply")
        buf += chunk
    if b'"ok": true' not in buf:
        sys.exit("unexpected reply: " + buf[:200].decode(errors="replace"))
    s.close()
PY
mem "broker after $CONC_N concurrent raw requests"

[ "$(launches)" = 1 ] || { echo "expected one broker instance, saw $(launches) launches" >&2; exit 1; }
mem "broker just before it is stopped"
echo "(all requests above were answered by one broker instance, pid $BPID)"

if [ -x /usr/bin/time ]; then
  peaks=$(for _ in $(seq 10); do
    timeout 30 /usr/bin/time -f %M -o "$T/time.out" "$MOUNTCTL" --socket "$SOCK" status >/dev/null
    cat "$T/time.out"
  done | sort -n)
  printf '%-42s max RSS %6d kB (min %d kB over 10 runs, GNU time)\n' "mountctl status (warm)" \
    "$(tail -n1 <<<"$peaks")" "$(head -n1 <<<"$peaks")"
  timeout 30 /usr/bin/time -f %M -o "$T/time.out" "$MOUNTCTL" --help >/dev/null
  printf '%-42s max RSS %6d kB\n' "mountctl --help" "$(cat "$T/time.out")"
else
  echo "mountctl peak RSS: /usr/bin/time not found (apt-get install time)"
fi
stop_holder
