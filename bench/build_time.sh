#!/usr/bin/env bash
# Benchmark (prints figures; not a test): wall time of a clean configure + build of everything
# (RelWithDebInfo, Ninja, its default parallelism), and the size of the stripped binaries.
#
#   bench/build_time.sh [BUILD_DIR]
#
# Without BUILD_DIR the build goes to a mktemp dir that is removed at exit. With BUILD_DIR
# (e.g. /tmp/bench-build) that dir is wiped first and kept, so the other benchmarks can use
# its binaries; a non-empty dir that is not a CMake build dir is refused.
# Other compilers running at the same time inflate the figure: the script prints the load
# average and how many cc1plus processes were running before it started.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/.." && pwd)
TMP=$(mktemp -d /tmp/mbbench-build.XXXXXX)
if [ $# -ge 1 ]; then
  B=$1
  if [ -e "$B" ] && [ -n "$(ls -A "$B")" ] && [ ! -f "$B/CMakeCache.txt" ]; then
    echo "refusing to wipe $B: not empty and not a CMake build dir" >&2
    rm -rf "$TMP"
    exit 2
  fi
  rm -rf "$B"
else
  B=$TMP/build
fi
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

others=$(pgrep -c -x cc1plus || true)
echo "# mount-broker clean build   $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "# machine: nproc $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), kernel $(uname -r)"
echo "# $(c++ --version | head -n1); $(cmake --version | head -n1); ninja $(ninja --version)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); cc1plus processes already running: ${others:-0}"

TIMEFORMAT='%R %U %S'
{ time cmake -S "$SRC" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$TMP/configure.log" 2>&1; } \
  2>"$TMP/configure.time" || { cat "$TMP/configure.log" >&2; exit 1; }
{ time cmake --build "$B" >"$TMP/build.log" 2>&1; } \
  2>"$TMP/build.time" || { tail -n 40 "$TMP/build.log" >&2; exit 1; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

read -r cw cu cs <"$TMP/configure.time"
read -r bw bu bs <"$TMP/build.time"
steps=$(grep -vc '^#' "$B/.ninja_log" || true)
printf 'configure: wall %7.1f s   (user %.1f s, sys %.1f s)\n' "$cw" "$cu" "$cs"
printf 'build:     wall %7.1f s   (user %.1f s, sys %.1f s, %s ninja steps)\n' "$bw" "$bu" "$bs" "$steps"
awk -v a="$cw" -v b="$bw" 'BEGIN {printf "total:     wall %7.1f s\n", a + b}'
# On a shared machine the wall time says more about the others than about us; the CPU time
# of the build divided by the cores is what it takes on this machine when it is quiet.
quiet=$(awk -v u="$bu" -v s="$bs" -v c="$(nproc)" -v w="$cw" 'BEGIN {printf "%.1f", (u + s) / c + w}')
echo "quiet-machine estimate: (user + sys) / $(nproc) cores + configure = $quiet s"
echo "# load after: $load_after"

echo "slowest steps (s):"
awk '!/^#/ {printf "%8.1f  %s\n", ($2 - $1) / 1000, $4}' "$B/.ninja_log" | sort -rn | head -n 8

for bin in mount-broker mountctl tests/socket_holder; do
  strip -o "$TMP/stripped" "$B/$bin"
  printf '%-20s %10d bytes unstripped  %9d bytes stripped\n' \
    "$bin" "$(stat -c %s "$B/$bin")" "$(stat -c %s "$TMP/stripped")"
  rm -f "$TMP/stripped"
done
[ $# -ge 1 ] && echo "# build kept in $B"
printf 'row\tclean build / 2 min (quiet estimate: CPU time / %s cores)\t%.2f (%s s; wall %.0f s under load %s)\t<= 1.0\n' \
  "$(nproc)" "$(awk -v q="$quiet" 'BEGIN {print q / 120}')" "$quiet" \
  "$(awk -v a="$cw" -v b="$bw" 'BEGIN {print a + b}')" "$(cut -d' ' -f1 <<<"$load_after")"
exit 0
