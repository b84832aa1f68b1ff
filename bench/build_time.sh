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
# The quiet-machine estimate is max((user + sys) / cores, critical path) + configure: no build
# on N cores is shorter than its CPU time / N, nor than its longest chain of dependent steps.
# The chain is found in Ninja's graph with each step's time from .ninja_log, scaled by
# CPU time / sum of the steps' wall times (under load every step's wall time is stretched).
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

# critical_path BUILD_DIR CPU_SECONDS: prints the longest chain's seconds and its steps.
critical_path() {
  python3 - "$1" "$2" <<'PY'
import collections, re, subprocess, sys
b, cpu = sys.argv[1], float(sys.argv[2])
wall = {}
for line in open(b + "/.ninja_log"):
    if not line.startswith("#"):
        start, end, _, out, _ = line.rstrip("\n").split("\t")
        wall[out] = (int(end) - int(start)) / 1000
scale = cpu / max(sum(wall.values()), 1e-9)
graph = subprocess.run(["ninja", "-C", b, "-t", "graph", "all"], capture_output=True,
                       text=True, check=True).stdout
label = dict(re.findall(r'^"(0x[0-9a-f]+)" \[label="([^"]*)"', graph, re.M))
inputs = collections.defaultdict(list)
for src, dst in re.findall(r'^"(0x[0-9a-f]+)" -> "(0x[0-9a-f]+)"', graph, re.M):
    inputs[dst].append(src)
longest = {}
def chain(node):  # the graph is a DAG of a few hundred nodes: recursion is shallow enough
    if node not in longest:
        best = max((chain(i) for i in inputs[node]), key=lambda c: c[0], default=(0.0, []))
        own = wall.get(label.get(node, ""), 0.0) * scale
        longest[node] = (best[0] + own, best[1] + ([label[node]] if own else []))
    return longest[node]
secs, steps = max((chain(n) for n in label), key=lambda c: c[0])
print(f"{secs:.1f}", ",".join(s.rsplit("/", 1)[-1] for s in steps))
PY
}

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
read -r path_s path_steps < <(critical_path "$B" "$(awk -v u="$bu" -v s="$bs" 'BEGIN {print u + s}')")
quiet=$(awk -v u="$bu" -v s="$bs" -v c="$(nproc)" -v w="$cw" -v p="$path_s" \
  'BEGIN {t = (u + s) / c; if (p > t) t = p; printf "%.1f", t + w}')
printf 'critical path: %.1f s CPU (%s steps: %s)\n' "$path_s" "$(wc -w <<<"${path_steps//,/ }")" "$path_steps"
echo "quiet-machine estimate: max((user + sys) / $(nproc) cores, critical path) + configure = $quiet s"
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
