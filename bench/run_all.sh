#!/usr/bin/env bash
# Runs the benchmark of every row of the scale-and-speed table and prints the whole table at
# the end (docs/BENCHMARKS.md records runs). Each row is a ratio measured in one run against
# its yardstick (interleaved where the yardstick is a command).
#
#   bench/run_all.sh                 clean configure + build in a temp dir (timed), then every
#                                    other benchmark on those binaries; the dir is removed
#   bench/run_all.sh --skip-build    every benchmark but the build, on $MB_BIN (default
#                                    ./build), which must be built with tests on
#
# Knobs (environment): SWEEP_N ("50 200 500 1000"), RUNS (per-script default), K, TIMEOUT;
# see each script's header. Needs root, bindfs, python3; inetd and systemd-socket-activate
# rows are skipped when those are missing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d /tmp/mbbench-all.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
OUT=$TMP/out.txt

run() { "$@" 2>&1 | tee -a "$OUT"; echo | tee -a "$OUT"; }

if [ "${1:-}" = --skip-build ]; then
  B=${MB_BIN:-$HERE/../build}
else
  B=$TMP/build
  run "$HERE/build_time.sh" "$B"
  # The other scripts need tests/socket_holder: build_time.sh builds everything.
fi
# shellcheck disable=SC2086
run "$HERE/sweep_hung.sh" "$B" ${SWEEP_N:-50 200 500 1000}
run "$HERE/warm_status.sh" "$B"
run "$HERE/cold_status.sh" "$B"
run "$HERE/cold_status_scale.sh" "$B"
run "$HERE/help_vs_true.sh" "$B"

echo "| what | measured (median ratio) | target |"
echo "|---|---|---|"
awk -F'\t' '$1 == "row" {printf "| %s | %s | %s |\n", $2, $3, $4}' "$OUT"
