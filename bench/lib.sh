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
    done
  } >"$CONFIG"
  chmod 0644 "$CONFIG"
}
