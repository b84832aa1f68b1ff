# Shared by the bench scripts that run a broker under tests/socket_holder. Source it, then call
# bench_setup "${1:-}": sets MB_BIN, BROKER, MOUNTCTL, HOLDER (checked), and a fresh temp dir
# T with SOCK, STATE and CONFIG paths in it. The caller installs its own cleanup trap.
bench_setup() {
  local here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  MB_BIN=$(cd "${1:-${MB_BIN:-$here/../build}}" && pwd)
  BROKER=$MB_BIN/mount-broker
  MOUNTCTL=$MB_BIN/mountctl
  HOLDER=$MB_BIN/tests/socket_holder
  local f
  for f in "$BROKER" "$MOUNTCTL" "$HOLDER"; do
    [ -x "$f" ] || { echo "missing $f (build with -DMB_BUILD_TESTS=ON first)" >&2; exit 2; }
  done
  command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
  T=$(mktemp -d /tmp/mbbench.XXXXXX)
  SOCK=$T/broker.sock
  STATE=$T/state/
  CONFIG=$T/config.toml
}

# bench_write_config IDLE_EXIT_SEC: $CONFIG with $MOUNTS command mounts that `status` never runs.
bench_write_config() {
  {
    echo "[broker]"
    echo "idle_exit_sec = $1"
    echo "admin_group = \"root\""
    echo "state_dir = \"$STATE\""
    local i
    for i in $(seq 1 "$MOUNTS"); do
      mkdir -p "$T/mnt/m$i"
      echo
      echo "[[mount]]"
      echo "name = \"m$i\""
      echo "type = \"command\""
      echo "mountpoint = \"$T/mnt/m$i\""
      echo 'command = ["true", "{mountpoint}"]'
      echo "auto_mount = false"
    done
  } >"$CONFIG"
  chmod 0644 "$CONFIG"
}

# Processes named $1 whose command line mentions this run's temp dir $T.
bench_own_pids() {
  local p
  for p in $(pgrep -x "$1" || true); do
    { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -qF -- "$T/" && echo "$p"
  done
  return 0
}

# bench_stop PID: SIGTERM, at most 5 s, then SIGKILL; reaped if it is our child.
bench_stop() {
  [ -n "${1:-}" ] || return 0
  kill -TERM "$1" 2>/dev/null || true
  local _
  for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# The line of facts every bench script starts with.
bench_header() {
  echo "# $1   $(date -u '+%Y-%m-%d %H:%M:%S UTC')   commit $(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# machine: nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), kernel $(uname -r); binaries: ${MB_BIN:-?}"
}

# Processes a script starts in the background go into BENCH_PIDS; bench_cleanup (its EXIT
# trap) stops them by pid, then any broker whose command line names $T, and removes $T.
BENCH_PIDS=()
bench_cleanup() {
  local p
  for p in "${BENCH_PIDS[@]}"; do bench_stop "$p"; done
  for p in $(bench_own_pids mount-broker); do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$T"
}
