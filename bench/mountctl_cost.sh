#!/usr/bin/env bash
# Benchmark (prints figures; not a test): what a mountctl invocation costs, for one or more
# builds side by side. Since setup and doctor read the config and the mount table themselves,
# mountctl links the broker's modules; this shows what that costs every other command.
#
#   bench/mountctl_cost.sh [BUILD_DIR...]     default: $MB_BIN, else ./build
#
#   RUNS=200   hyperfine runs per command (warmup 20)
#   MOUNTS=10  [[mount]] entries in the config (command mounts using `true`, never run)
#
# Per build: stripped size and the shared libraries of mountctl; with hyperfine -N (no shell):
# `mountctl --help` (process start and CLI setup only), warm `mountctl status` (a broker
# running under tests/socket_holder), and `mountctl doctor` (all checks; builds that have it).
# The holder and broker are stopped by pid at exit; the temp dir is removed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-200}
MOUNTS=${MOUNTS:-10}
command -v hyperfine >/dev/null || { echo "hyperfine is required (apt install hyperfine)" >&2; exit 2; }
[ $# -gt 0 ] || set -- "${MB_BIN:-$(dirname "$0")/../build}"

pids=()
dirs=()
cleanup() {
  local p d
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for d in "${dirs[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT

median_ms() { # hyperfine JSON export -> median in ms, 3 decimals
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f ms (min %.3f, n=%d)" % (r["median"]*1e3, r["min"]*1e3, len(r["times"])))' "$1"
}

for build in "$@"; do
  bench_setup "$build"
  dirs+=("$T")
  bench_write_config 300
  "$HOLDER" --socket "$SOCK" -- "$BROKER" --config "$CONFIG" --state-dir "$STATE" 2>"$T/holder.log" &
  pids+=($!)
  for _ in $(seq 100); do [ -S "$SOCK" ] && break; sleep 0.05; done
  "$MOUNTCTL" --socket "$SOCK" status >/dev/null # the broker is now running (warm)

  strip -o "$T/mountctl.stripped" "$MOUNTCTL"
  echo "== $MB_BIN"
  echo "mountctl stripped: $(stat -c %s "$T/mountctl.stripped") bytes"
  echo "mountctl libraries: $(ldd "$MOUNTCTL" | awk '{print $1}' | grep -v -e vdso -e ld-linux | sed 's/\.so.*//' | tr '\n' ' ')"
  hyperfine -N -w 20 -r "$RUNS" --export-json "$T/help.json" "$MOUNTCTL --help" >/dev/null 2>&1
  echo "mountctl --help:  $(median_ms "$T/help.json")"
  hyperfine -N -w 20 -r "$RUNS" --export-json "$T/status.json" "$MOUNTCTL --socket $SOCK status" >/dev/null 2>&1
  echo "mountctl status (warm): $(median_ms "$T/status.json")"
  if "$MOUNTCTL" --help 2>/dev/null | grep -q '^ *doctor'; then
    # doctor exits non-zero here (no service manager, temp paths): measured all the same.
    hyperfine -N -i -w 5 -r "$((RUNS / 4))" --export-json "$T/doctor.json" \
      "$MOUNTCTL --socket $SOCK doctor --config $CONFIG" >/dev/null 2>&1
    echo "mountctl doctor ($MOUNTS mounts): $(median_ms "$T/doctor.json")"
    { "$MOUNTCTL" --socket "$SOCK" doctor --config "$CONFIG" || true; } | tail -1 | sed 's/^/  doctor said: /'
  fi
done
