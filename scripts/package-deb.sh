#!/usr/bin/env bash
# Builds the Debian package, mount-broker_VERSION_ARCH.deb, from these sources: configures a
# build directory for it (prefix /usr, Debian's hardening flags from dpkg-buildflags, no
# tests), builds the binaries and runs `cpack -G DEB` there. Prints the package's path.
#
#   scripts/package-deb.sh [BUILD_DIR [CMAKE_ARGS...]]
#     BUILD_DIR: default build-deb; the .deb is written there. CMAKE_ARGS: more for the
#     configure step (e.g. -DCMAKE_CXX_COMPILER_LAUNCHER=ccache).
#
# Then: sudo apt install ./build-deb/mount-broker_*.deb
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
# Absolute: cpack runs in it, and its logs are written next to it.
dir=$(realpath -m "${1:-$src/build-deb}")
[ $# -gt 0 ] && shift
for tool in cmake cpack dpkg-buildflags dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "package-deb: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
# An existing directory keeps its generator.
[ -f "$dir/CMakeCache.txt" ] && gen=()
# Debian's flags, all hardening on (bindnow too). From the sources' directory: the flags map
# the current directory away (-ffile-prefix-map), and the same flags on each run keep a
# rebuild incremental.
flags() { (cd "$src" && DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get "$1"); }
cmake -S "$src" -B "$dir" "${gen[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_INSTALL_PREFIX=/usr -DMB_PACKAGE_DEB=ON -DMB_BUILD_TESTS=OFF -DMB_STATIC_DEPS=OFF \
  -DMB_INSTALL_SYSTEMD_UNITS=ON \
  -DCMAKE_CXX_FLAGS="$(flags CXXFLAGS) $(flags CPPFLAGS)" \
  -DCMAKE_EXE_LINKER_FLAGS="$(flags LDFLAGS)" \
  "$@" >"$dir.configure.log" 2>&1 ||
  { cat "$dir.configure.log" >&2; exit 1; }
cmake --build "$dir" >"$dir.build.log" 2>&1 || { tail -n 40 "$dir.build.log" >&2; exit 1; }
rm -f "$dir"/mount-broker_*.deb
(cd "$dir" && cpack -G DEB >"$dir.cpack.log" 2>&1) || { cat "$dir.cpack.log" >&2; exit 1; }
ls "$dir"/mount-broker_*.deb
