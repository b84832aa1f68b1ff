#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build mount-broker and run its tests. Idempotent:
# installs only what is missing. Never starts a service: a package's postinst (openbsd-inetd,
# samba) must not bring up a daemon on the machine, so policy-rc.d refuses for the duration.
#
#   scripts/install-deps.sh [--build-only]   (--build-only: what building needs, not the test rig)
set -euo pipefail

build=(build-essential cmake ninja-build pkg-config libboost-dev libcereal-dev libcli11-dev
       libspdlog-dev libfmt-dev catch2 libtomlplusplus-dev)
# Test rig: real activators and tools the integration tests drive.
test=(openbsd-inetd systemd python3 util-linux procps fuse3 bindfs samba smbclient cifs-utils strace
      rclone mandoc groff-base samba-vfs-modules nftables iproute2 systemd-container lintian
      openssh-server openssh-client
      autofs zsh prometheus user-mode-linux)

# The macOS cross-build (scripts/build-macos.sh), only where an SDK is given (.ci/run).
cross=()
[ -n "${MB_MACOS_SDK:-}" ] && cross=(clang lld llvm file)

case "${1:-}" in
--build-only) test=() ;;
"") ;;
*) echo "usage: $0 [--build-only]" >&2; exit 2 ;;
esac

missing=()
for p in "${build[@]}" "${test[@]}" "${cross[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "install-deps: installing ${missing[*]}"
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 0755 "$policy"
  created_policy=1
fi
trap '[ $created_policy -eq 1 ] && $sudo rm -f "$policy"' EXIT
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
