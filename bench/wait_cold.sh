#!/usr/bin/env bash
# Waits (at most 20 s) until the next request will find no broker running: no mount-broker
# whose command line names MARK, and, with --events FILE, the socket holder has reaped every
# broker it launched; with --listening SOCK, a listener (inetd, systemd-socket-activate) is
# accepting at SOCK again (/proc/net/unix shows a listening socket at that path). Used by
# pair.py as the untimed step before each cold sample.
#   wait_cold.sh MARK [--events FILE] [--listening SOCK]
set -euo pipefail
mark=$1
shift
events="" sock=""
while [ $# -gt 0 ]; do
  case $1 in
    --events) events=$2; shift 2 ;;
    --listening) sock=$2; shift 2 ;;
    *) echo "wait_cold.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
broker_alive() {
  local p
  for p in $(pgrep -x mount-broker || true); do
    { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -qF -- "$mark" && return 0
  done
  return 1
}
holder_busy() {
  [ -n "$events" ] || return 1
  [ "$(grep -c '^launch' "$events" 2>/dev/null || true)" != "$(grep -c '^exit' "$events" 2>/dev/null || true)" ]
}
not_listening() {
  [ -n "$sock" ] || return 1
  ! awk -v s="$sock" '$4 == "00010000" && $8 == s {found = 1} END {exit !found}' /proc/net/unix
}
for _ in $(seq 400); do
  broker_alive || holder_busy || not_listening || exit 0
  sleep 0.05
done
echo "wait_cold.sh: a broker of $mark is still running after 20 s" >&2
exit 1
