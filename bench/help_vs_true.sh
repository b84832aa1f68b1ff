#!/usr/bin/env bash
# Benchmark (prints figures; not a test): `mountctl --help` against `/bin/true`, interleaved,
# the ratio pair by pair. What the client's start-up costs before it does anything.
#   bench/help_vs_true.sh [BUILD_DIR]      RUNS=40
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
bench_setup "${1:-}"
trap 'rm -rf "$T"' EXIT
bench_header "mountctl --help / /bin/true"
python3 "$HERE/pair.py" --runs "${RUNS:-40}" --warmup 3 --label "mountctl --help vs /bin/true" \
  --row "\`mountctl --help\` / \`/bin/true\`" --target "<= 1.5x" \
  -- "$MOUNTCTL" --help --vs /bin/true
