#!/usr/bin/env bash
# Cross-builds mount-broker, mountctl and the unit tests for macOS 12 (arm64 and x86_64) on
# Linux: clang, ld64.lld (Debian: clang lld llvm) and an extracted macOS SDK (README, "macOS").
#   scripts/build-macos.sh SDK_DIR [BUILD_DIR] [cmake arguments...]
# BUILD_DIR defaults to build-macos; each architecture builds in BUILD_DIR/ARCH. MB_JOBS sets
# the parallelism (default 2). Fails on any compiler or linker warning (both are errors) and on a binary that
# `file` does not call Mach-O; the last lines say where the binaries are and their sizes.
set -euo pipefail
usage() { echo "usage: $0 SDK_DIR [BUILD_DIR] [cmake arguments...]" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
sdk=$(realpath -e "$1") || { echo "$0: no SDK directory $1" >&2; exit 2; }
[[ -d $sdk/usr/include/c++/v1 && -d $sdk/System/Library/Frameworks ]] || {
  echo "$0: $sdk is not a macOS SDK root (no usr/include/c++/v1 or System/Library/Frameworks)" >&2
  exit 2
}
shift
out=build-macos
if [[ $# -ge 1 && $1 != -* ]]; then out=$1; shift; fi
cd "$(dirname "$0")/.."
mkdir -p "$out"
out=$(realpath "$out")

for tool in clang++ ld64.lld file; do
  command -v "$tool" >/dev/null || [[ -x /usr/lib/llvm-14/bin/$tool ]] || {
    echo "$0: $tool not found (Debian: apt-get install clang lld llvm file)" >&2; exit 2; }
done

# Only the dependencies' own folders: /usr/include itself on the include path would put the
# host's glibc headers ahead of the SDK's.
deps=$out/deps-include
mkdir -p "$deps"
for dir in boost cereal rapidjson CLI spdlog fmt toml++ catch2; do
  [[ -d /usr/include/$dir ]] || { echo "$0: /usr/include/$dir missing (scripts/install-deps.sh)" >&2; exit 2; }
  ln -sfn "/usr/include/$dir" "$deps/$dir"
done

# The host's search paths (LIBRARY_PATH, CPATH, ...) would leak Linux files into the build.
unset LIBRARY_PATH CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH
export PATH=/usr/lib/llvm-14/bin:$PATH  # ld64.lld has no unversioned name in /usr/bin

warnings=0
for arch in arm64 x86_64; do
  dir=$out/$arch
  log=$dir/build.log
  mkdir -p "$dir"
  # Warnings are errors (compiler and linker): an object or binary that exists was built
  # without one, so an incremental rebuild proves as much as a clean one.
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/macos-cross.cmake" -DMB_PRECOMPILE_HEADERS=ON \
    -DCMAKE_COMPILE_WARNING_AS_ERROR=ON \
    -DMB_MACOS_SDK="$sdk" -DMB_MACOS_ARCH="$arch" -DMB_DEPS_INCLUDE_DIR="$deps" "$@" >"$log"
  if ! nice -n 10 cmake --build "$dir" -j "${MB_JOBS:-2}" >>"$log" 2>&1; then
    grep -E 'error|warning' "$log" | head -40 >&2
    echo "$0: $arch build failed; full log: $log" >&2
    exit 1
  fi
  n=$(grep -c 'warning:' "$log" || true)
  warnings=$((warnings + n))
  echo "$arch: $n warnings (log: $log)"
  for bin in mount-broker mountctl tests/unit_tests; do
    desc=$(file -b "$dir/$bin")
    [[ $desc == Mach-O* ]] || { echo "$0: $dir/$bin is not Mach-O: $desc" >&2; exit 1; }
    echo "  $bin: $(stat -c %s "$dir/$bin") bytes, $desc"
  done
done
if ((warnings > 0)); then
  grep -h 'warning:' "$out"/*/build.log | sort | uniq -c | sort -rn | head -20 >&2
  echo "$0: $warnings warnings" >&2
  exit 1
fi
echo "macOS cross-build: 0 warnings; binaries under $out/{arm64,x86_64}"
