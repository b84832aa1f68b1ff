#!/usr/bin/env bash
# Removes what scripts/install.sh (or `cmake --install`) installed.
#
#   scripts/uninstall.sh [--purge] [--build-dir DIR] [--prefix PREFIX]
#
# 1. Stops and disables the service: systemd (disable --now the socket and the timer, stop
#    the service), launchd (bootout each job); for inetd it names the lines to remove.
#    With DESTDIR set, or without a running service manager, it prints the commands instead.
# 2. Removes every file listed in the install manifest (binaries, units or plists, man pages,
#    the inetd and cron files, the example), found under the prefix DIR was configured with
#    (default build/), or under --prefix.
# 3. Keeps the config, the credentials and the state, and says so; --purge removes them too.
#
# Mounts the broker made stay mounted: FUSE daemons outlive the broker on purpose. Honours
# DESTDIR. Every step says what it did, one line each.
set -euo pipefail

prog=uninstall
# shellcheck source=scripts/install_lib.sh
. "$(dirname "$0")/install_lib.sh"
purge=0
script_flag() { case "$1" in --purge) purge=1 ;; *) return 1 ;; esac; }
parse_args "$@"
prefix=${prefix%/}
destdir=${DESTDIR:-}
need_root_or_destdir "to the staging directory"

# The manifest: where the build says it installs, unless --prefix says otherwise.
manifest=""
if [ -f "$build/install-paths.txt" ]; then
  built_prefix=$(sed -n 's/^prefix=//p' "$build/install-paths.txt")
  if [ -z "$prefix" ] || [ "$prefix" = "$built_prefix" ]; then
    manifest=$(sed -n 's/^data_dir=//p' "$build/install-paths.txt")/install-manifest.txt
  fi
fi
[ -n "$manifest" ] || manifest=${prefix:-/usr/local}/share/mount-broker/install-manifest.txt
[ -f "$destdir$manifest" ] ||
  die "no install manifest at $destdir$manifest; was mount-broker installed there? (give --prefix or --build-dir)"
say "reading $destdir$manifest"

# The installed layout, as the manifest recorded it.
read_layout "$destdir$manifest"

# --- 1. stop and disable ----------------------------------------------------------------
if [ -z "$destdir" ] && [ -x "$bindir/mountctl" ]; then
  mounted=$(timeout 15 "$bindir/mountctl" --connect-timeout 2 mlist mounted 2>/dev/null || true)
  if [ -n "$mounted" ]; then
    say "these shares stay mounted (unmount them with mountctl unmount NAME first if you want):"
    while IFS= read -r m; do say "  $m"; done <<<"$mounted"
  fi
fi

systemd_running=0
if [ -n "$unit_dir" ]; then
  read -r -a units <<<"$(layout systemd_enable)"
  cmds=("systemctl disable --now ${units[*]}" "systemctl stop mount-broker.service mount-broker-sweep.service")
  if [ -n "$destdir" ]; then
    print_cmds "DESTDIR is set: skipped stopping the systemd units; on the target system run:" "${cmds[@]}"
  elif [ ! -d /run/systemd/system ]; then
    print_cmds "systemd is not running here: skipped stopping the systemd units; where it runs, run:" "${cmds[@]}"
  else
    systemd_running=1
    if out=$(systemctl disable --now "${units[@]}" 2>&1); then
      say "ran: systemctl disable --now ${units[*]}"
    else
      say "systemctl disable --now ${units[*]} failed (not installed?): $out"
    fi
    # KillMode=process: stopping the broker leaves the FUSE daemons (and their mounts) alone.
    systemctl stop mount-broker.service mount-broker-sweep.service 2>/dev/null || true
    say "ran: systemctl stop mount-broker.service mount-broker-sweep.service"
  fi
elif [ -n "$launchd_dir" ]; then
  read -r -a labels <<<"$(layout launchd_labels)"
  if [ -n "$destdir" ]; then
    cmds=()
    for l in "${labels[@]}"; do cmds+=("launchctl bootout system/$l"); done
    print_cmds "DESTDIR is set: skipped unloading the launchd jobs; on the target system run:" "${cmds[@]}"
  else
    for l in "${labels[@]}"; do
      if bootout_if_loaded "$l"; then
        say "ran: launchctl bootout system/$l"
      else
        say "system/$l is not loaded"
      fi
    done
  fi
else
  line=$(grep -v '^#' "$destdir$(layout inetd_conf)" | grep . || true)
  if [ -z "$destdir" ] && [ -f /etc/inetd.conf ] && grep -qF "$sbindir/mount-broker" /etc/inetd.conf; then
    say "/etc/inetd.conf still starts mount-broker: remove this line and reload inetd:"
  else
    say "if you added it, remove this line from /etc/inetd.conf and reload inetd:"
  fi
  say "  $line"
  say "and remove /etc/cron.d/mount-broker (or its line in /etc/crontab):"
  say "  $(grep -v '^#' "$destdir$(layout crontab)" | grep . || true)"
fi

# --- 2. the installed files -------------------------------------------------------------
while IFS= read -r f; do
  case "$f" in
  /*) ;;
  *) say "skipped $f (not an absolute path)"; continue ;;
  esac
  case "$f" in */../* | */..) say "skipped $f (contains ..)"; continue ;; esac
  [ "$f" = "$manifest" ] && continue
  if [ -e "$destdir$f" ] || [ -L "$destdir$f" ]; then
    rm -f -- "$destdir$f"
    say "removed $destdir$f"
  else
    say "already gone: $destdir$f"
  fi
done < <(sed -n 's/^file=//p' "$destdir$manifest")
rm -f -- "$destdir$manifest"
say "removed $destdir$manifest"
if rmdir -- "$destdir$data_dir" 2>/dev/null; then say "removed $destdir$data_dir/"; fi
if [ $systemd_running = 1 ]; then
  systemctl daemon-reload
  say "ran: systemctl daemon-reload"
fi

# --- 3. config, credentials, state ------------------------------------------------------
if [ $purge = 0 ]; then
  say "kept $destdir$config (config), $destdir$credentials_dir/ (credentials) and $destdir$state_dir/ (state); --purge removes them"
  say "done"
  exit 0
fi

# The config may name other directories; those are the administrator's to remove.
if [ -f "$destdir$config" ]; then
  for key in state_dir credentials_dir; do
    named=$(sed -n "s/^[[:space:]]*${key}[[:space:]]*=[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" "$destdir$config" | head -n 1)
    default=$state_dir
    [ $key = credentials_dir ] && default=$credentials_dir
    if [ -n "$named" ] && [ "$named" != "$default" ]; then
      say "the config names $key = \"$named\": not removed (remove it by hand: rm -rf $destdir$named)"
    fi
  done
fi
for d in "$credentials_dir" "$state_dir"; do
  case "$d" in
  /?*) ;;
  *) say "skipped \"$d\" (not an absolute directory below /)"; continue ;;
  esac
  if [ -e "$destdir$d" ]; then
    rm -rf -- "$destdir$d"
    say "removed $destdir$d/"
  fi
done
if [ -e "$destdir$config" ] || [ -L "$destdir$config" ]; then
  rm -f -- "$destdir$config"
  say "removed $destdir$config"
fi
config_dir=$(dirname "$config")
if rmdir -- "$destdir$config_dir" 2>/dev/null; then say "removed $destdir$config_dir/"; fi
if [ -n "$launchd_dir" ] && [ -f "$destdir$(layout launchd_log)" ]; then
  rm -f -- "$destdir$(layout launchd_log)"
  say "removed $destdir$(layout launchd_log)"
fi
say "done"
