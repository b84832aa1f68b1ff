#!/usr/bin/env bash
# Installs mount-broker and sets it up as a native service of this OS.
#
#   scripts/install.sh [--build-dir DIR] [--prefix PREFIX] [--no-build]
#
# 1. Configures DIR (default: build/) if it has no build yet, or again when --prefix differs
#    from the prefix DIR was configured with (the service files are generated with the
#    installed paths, so the prefix must be known before they are), then builds it.
# 2. `cmake --install DIR --strip`: binaries, man pages, service files, the example config (never
#    over an existing one), the credentials and state directories. Honours DESTDIR.
# 3. The OS-specific rest: systemd (Linux, when systemd runs): daemon-reload, then enable
#    --now the socket and the sweep timer; launchd (macOS): bootstrap each job (bootout first
#    if it is loaded); FreeBSD and others: prints the inetd.conf and cron lines to add.
#    With DESTDIR set, or without a running service manager, it skips this step and prints
#    the commands instead.
#
# Every step says what it did, one line each. scripts/uninstall.sh undoes it.
set -euo pipefail

prog=install
# shellcheck source=scripts/install_lib.sh
. "$(dirname "$0")/install_lib.sh"
no_build=0
script_flag() { case "$1" in --no-build) no_build=1 ;; *) return 1 ;; esac; }
parse_args "$@"
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
if [ -n "$prefix" ]; then
  case "$prefix" in /*) ;; *) die "--prefix must be an absolute path, got $prefix" ;; esac
  prefix=${prefix%/}
fi
destdir=${DESTDIR:-}
need_root_or_destdir "to stage the files in a directory"

# cache_value VAR: a variable of the build's CMakeCache.txt.
cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }

# --- 1. configure and build -------------------------------------------------------------
if [ ! -f "$build/CMakeCache.txt" ]; then
  [ $no_build = 0 ] || die "$build is not configured, and --no-build was given"
  gen=()
  command -v ninja >/dev/null 2>&1 && gen=(-G Ninja)
  cmake -S "$src" -B "$build" "${gen[@]}" -DMB_BUILD_TESTS=OFF \
    ${prefix:+"-DCMAKE_INSTALL_PREFIX=$prefix"} >/dev/null ||
    die "cmake could not configure $build (missing packages? run scripts/install-deps.sh)"
  say "configured $build (prefix $(cache_value CMAKE_INSTALL_PREFIX))"
elif [ -n "$prefix" ] && [ "$(cache_value CMAKE_INSTALL_PREFIX)" != "$prefix" ]; then
  old=$(cache_value CMAKE_INSTALL_PREFIX)
  cmake -S "$src" -B "$build" -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null ||
    die "cmake could not reconfigure $build for prefix $prefix"
  say "reconfigured $build for prefix $prefix (was $old), so the service files name it"
fi
if [ $no_build = 0 ]; then
  cmake --build "$build" >/dev/null || die "the build failed; run: cmake --build $build"
  say "built $build"
fi
for bin in mount-broker mountctl; do
  [ -x "$build/$bin" ] || die "$build/$bin is missing; build it first: cmake --build $build"
done
[ -f "$build/install-paths.txt" ] || die "$build/install-paths.txt is missing; reconfigure: cmake -S $src -B $build"
read_layout "$build/install-paths.txt"

# --- 2. cmake --install -----------------------------------------------------------------
# launchd and systemd run the installed binaries as root, reading their config and job files
# from these directories: whoever can replace a file in one (or rename a directory above it)
# can become root. Homebrew on Intel Macs, for one, gives /usr/local/{sbin,bin,etc} to the
# user and lets the admin group write them. Not checked with DESTDIR: that is staging.
if [ -z "$destdir" ]; then
  unsafe=$(unsafe_dirs "$sbindir" "$bindir" "$(dirname "$config")" "$credentials_dir" \
    ${unit_dir:+"$unit_dir"} ${launchd_dir:+"$launchd_dir"})
  if [ -n "$unsafe" ]; then
    echo "$prog: error: refusing to install: the service manager would run as root files that someone other than root can replace:" >&2
    sed 's/^/install:   /' <<<"$unsafe" >&2
    echo "$prog: make these directories root's (this can break tools that write there, like Homebrew):" >&2
    sed 's/: .*//' <<<"$unsafe" | while IFS= read -r d; do
      echo "$prog:   sudo chown root '$d' && sudo chmod go-w '$d'" >&2
    done
    echo "$prog: or install elsewhere: $0 --prefix DIR, with a DIR only root can write (e.g. /opt/mount-broker)" >&2
    exit 1
  fi
fi
# --strip: the default build carries debug info, ten times the size of the program.
say "running: ${destdir:+DESTDIR=$destdir }cmake --install $build --strip"
cmake --install "$build" --strip | sed 's/^/install:   /' || die "cmake --install failed"

# --- 3. the service manager -------------------------------------------------------------
inetd_lines() {
  local f
  f=$destdir$(layout inetd_conf)
  say "for inetd, add this line to /etc/inetd.conf and reload inetd ($(layout inetd_conf)):"
  grep -v '^#' "$f" | grep . | sed 's/^/install:   /'
  f=$destdir$(layout crontab)
  say "and for the periodic sweep, copy $(layout crontab) to /etc/cron.d/mount-broker, or add to /etc/crontab:"
  grep -v '^#' "$f" | grep . | sed 's/^/install:   /'
}

os=$(uname -s)
if [ -n "$unit_dir" ]; then
  read -r -a units <<<"$(layout systemd_enable)"
  cmds=("systemctl daemon-reload" "systemctl enable --now ${units[*]}")
  if [ -n "$destdir" ]; then
    print_cmds "DESTDIR is set: skipped enabling the systemd units; on the target system run:" "${cmds[@]}"
  elif [ ! -d /run/systemd/system ]; then
    print_cmds "systemd is not running here: skipped enabling the systemd units; where it runs, run:" "${cmds[@]}"
    say "without systemd, inetd and cron can start the broker and the sweep instead:"
    inetd_lines
  else
    systemctl daemon-reload || die "systemctl daemon-reload failed"
    say "ran: systemctl daemon-reload"
    out=$(systemctl enable --now "${units[@]}" 2>&1) ||
      die "systemctl enable --now ${units[*]} failed: $out"
    [ -z "$out" ] || sed 's/^/install:   /' <<<"$out"
    say "ran: systemctl enable --now ${units[*]} (the broker starts on the first connection)"
  fi
elif [ -n "$launchd_dir" ]; then
  read -r -a labels <<<"$(layout launchd_labels)"
  if [ -n "$destdir" ]; then
    cmds=()
    for l in "${labels[@]}"; do cmds+=("launchctl bootstrap system $launchd_dir/$l.plist"); done
    print_cmds "DESTDIR is set: skipped loading the launchd jobs; on the target system run:" "${cmds[@]}"
  else
    for l in "${labels[@]}"; do
      if bootout_if_loaded "$l"; then say "ran: launchctl bootout system/$l (it was loaded)"; fi
      # A job disabled earlier (launchctl disable) cannot be bootstrapped.
      launchctl enable "system/$l" || die "launchctl enable system/$l failed"
      # One retry: a job just booted out can refuse a bootstrap for a moment.
      launchctl bootstrap system "$launchd_dir/$l.plist" ||
        { sleep 1 && launchctl bootstrap system "$launchd_dir/$l.plist"; } ||
        die "launchctl bootstrap system $launchd_dir/$l.plist failed (twice); see: launchctl print system/$l"
      say "ran: launchctl bootstrap system $launchd_dir/$l.plist"
    done
  fi
else
  say "no systemd or launchd files for $os: the service manager is inetd, the sweep is cron"
  inetd_lines
fi

say "config: $destdir$config (edit it, check it with: $sbindir/mount-broker --check-config $config)"
say "passwords: sudo $bindir/mountctl setup NAME; check the whole setup: $bindir/mountctl doctor"
say "done"
