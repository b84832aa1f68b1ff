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
# read_layout FILE: the installed paths, from FILE: config, sbindir, data_dir, state_dir,
# credentials_dir, mandir, unit_dir (systemd; empty without) and launchd_dir (likewise).
read_layout() {
  layout_file=$1
  config=$(layout config)
  sbindir=$(layout sbindir)
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

# bootout_if_loaded LABEL: boots the launchd job system/LABEL out if it is loaded; returns 1
# if it was not loaded, dies if it cannot.
bootout_if_loaded() {
  launchctl print "system/$1" >/dev/null 2>&1 || return 1
  launchctl bootout "system/$1" || die "launchctl bootout system/$1 failed"
}
