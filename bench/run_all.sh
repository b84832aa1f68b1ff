#!/usr/bin/env bash
# Runs every benchmark and prints their figures (docs/BENCHMARKS.md records a run).
#
#   bench/run_all.sh                 clean configure + build in a temp dir (timed), then the
#                                    round-trip and memory benchmarks on those binaries; the
#                                    temp dir is removed at exit
#   bench/run_all.sh --skip-build    only the round-trip and memory benchmarks, on $MB_BIN
#                                    (default ./build), which must be built with tests on
#
# Environment knobs are passed through (COLD_N, WARM_N, RAW_N, TIMELINE_N, MOUNTS, SEQ_N,
# CONC_N); see each script's header.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = --skip-build ]; then
  B=${MB_BIN:-$HERE/../build}
  "$HERE/status_roundtrip.sh" "$B"
  echo
  "$HERE/peak_rss.sh" "$B"
else
  TMP=$(mktemp -d /tmp/mbbench-all.XXXXXX)
  trap 'rm -rf "$TMP"' EXIT
  trap 'exit 130' INT TERM
  "$HERE/build_time.sh" "$TMP/build"
  echo
  "$HERE/status_roundtrip.sh" "$TMP/build"
  echo
  "$HERE/peak_rss.sh" "$TMP/build"
fi
