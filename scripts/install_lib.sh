# shellcheck shell=bash
# The variables here are the sourcing script's: it sets prog, these functions set the rest.
# shellcheck disable=SC2034,SC2154
# What scripts/install.sh and scripts/uninstall.sh share; sourced, never run. It only defines
# functions, so the install tests source it too (for read_layout). A script sets prog (its
# name, which starts every line it prints) and defines script_flag before parse_args.

say() { echo "$prog: $*"; }
die() {
  echo "$prog: error: $*" >&2
  exit 1
}
# usage: the synopsis, lines 3 and 4 of the script's header; exits 2.
usage() {
  sed -n '3,4p' "$0" | sed 's/^# *//'
  exit 2
}

# parse_args ARGS...: sets src (the source tree), build (default: build/ in it) and prefix from
# --build-dir and --prefix; any other argument goes to the script's script_flag ARG, which
# returns non-zero for one it does not take.
parse_args() {
  src=$(cd "$(dirname "$0")/.." && pwd)
  build="" prefix=""
  while [ $# -gt 0 ]; do
    case "$1" in
    --build-dir) [ $# -ge 2 ] || usage; build=$2; shift 2 ;;
    --build-dir=*) build=${1#*=}; shift ;;
    --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    -h | --help) usage ;;
    *) script_flag "$1" || { echo "$prog: unknown argument: $1" >&2; usage; }; shift ;;
    esac
  done
  build=${build:-$src/build}
}

# need_root_or_destdir HOW: dies unless run as root or with DESTDIR set ("set DESTDIR HOW").
need_root_or_destdir() {
  if [ -z "${DESTDIR:-}" ] && [ "$(id -u)" -ne 0 ]; then
    die "run it as root (sudo $0 ...), or set DESTDIR $1"
  fi
}

# layout KEY: a value of the installed layout in the file read_layout read: the build's
# install-paths.txt, or the install manifest, which starts with a copy of it.
layout() { sed -n "s/^$1=//p" "$layout_file"; }
# read_layout FILE: the installed paths, from FILE: config, sbindir (mount-broker), bindir
# (mountctl), data_dir, state_dir, credentials_dir, mandir, unit_dir (systemd; empty without)
# and launchd_dir (likewise).
read_layout() {
  layout_file=$1
  config=$(layout config)
  sbindir=$(layout sbindir)
  # A manifest written before mountctl moved to bin has no bindir: it was in sbin then.
  bindir=$(layout bindir)
  bindir=${bindir:-$sbindir}
  data_dir=$(layout data_dir)
  state_dir=$(layout state_dir)
  credentials_dir=$(layout credentials_dir)
  mandir=$(layout mandir)
  unit_dir=$(layout systemd_unit_dir)
  launchd_dir=$(layout launchd_dir)
}

# print_cmds TEXT CMD...: says why a step was skipped, then the commands, one a line.
print_cmds() {
  say "$1"
  shift
  local c
  for c in "$@"; do say "  $c"; done
}

# bootout_if_loaded LABEL: boots the launchd job system/LABEL out if it is loaded and waits
# (up to 10 s) until launchd has let go of it; returns 1 if it was not loaded, dies if it
# cannot. bootout returns while the job may still be stopping (ExitTimeOut), and bootstrapping
# the same label then fails with "Bootstrap failed: 5: Input/output error".
bootout_if_loaded() {
  launchctl print "system/$1" >/dev/null 2>&1 || return 1
  launchctl bootout "system/$1" || die "launchctl bootout system/$1 failed"
  local i
  for i in $(seq 100); do
    launchctl print "system/$1" >/dev/null 2>&1 || return 0
    sleep 0.1
  done
  die "system/$1 is still loaded 10 s after launchctl bootout; check: launchctl print system/$1"
}

# owner_mode DIR: "UID MODE", MODE in octal with the set-id and sticky bits (GNU and BSD stat).
owner_mode() {
  local uid mode
  if read -r uid mode < <(stat -c '%u %a' "$1" 2>/dev/null) && [ -n "$mode" ]; then
    :
  else
    read -r uid mode < <(stat -f '%u %p' "$1") || return 1 # BSD: %p is the octal st_mode
  fi
  echo "$uid $((8#$mode & 07777))"
}

# unsafe_dirs PATH...: prints "DIR: REASON" for each existing directory on the way from / to
# each PATH (the path as written and as resolved through symlinks; for a PATH that does not
# exist yet, from its nearest existing parent) that a user other than root could change: not
# owned by root, or writable by its group or others, unless it is a root-owned sticky
# directory like /tmp (there only an entry's owner may rename or remove it).
unsafe_dirs() {
  local p d seen="" uid mode
  for p in "$@"; do
    while [ -n "$p" ] && [ ! -e "$p" ]; do p=$(dirname "$p"); done
    [ -d "$p" ] || continue
    for d in "$p" "$(cd "$p" && pwd -P)"; do
      while :; do
        if ! grep -qxF -- "$d" <<<"$seen"; then
          seen="$seen"$'\n'"$d"
          read -r uid mode < <(owner_mode "$d")
          if [ "$uid" != 0 ]; then
            echo "$d: owned by uid $uid, not root"
          elif [ $((mode & 022)) != 0 ] && [ $((mode & 01000)) = 0 ]; then
            echo "$d: writable by its group or others (mode $(printf '%04o' "$mode"))"
          fi
        fi
        [ "$d" = / ] && break
        d=$(dirname "$d")
      done
    done
  done
}
