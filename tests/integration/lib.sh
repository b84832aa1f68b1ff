# Shared support for integration tests: a private temp dir, processes that are always reaped,
# bounded waits, assertions. Source it first thing:  . "$(dirname "$0")/lib.sh"
#
# Every wait has a deadline; every process started with start_bg is killed at exit; every
# test that mounts calls in_private_mount_ns first, so nothing leaks into the machine.
set -euo pipefail

MB_BIN=${MB_BIN:?MB_BIN must point at the build directory}
MB_SRC=${MB_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BROKER=$MB_BIN/mount-broker
MOUNTCTL=$MB_BIN/mountctl
HOLDER=$MB_BIN/tests/socket_holder

_mb_pids=()
_mb_checks=0

# Re-runs the calling script inside a private mount namespace (mounts made there vanish with it).
in_private_mount_ns() {
  if [ "${MB_IN_PRIVATE_NS:-}" != 1 ]; then
    MB_IN_PRIVATE_NS=1 exec unshare -m --propagation private bash "$0" "$@"
  fi
}

fail() {
  echo "FAIL: $*" >&2
  if [ -n "${T:-}" ] && ls "$T"/*.log >/dev/null 2>&1; then
    for f in "$T"/*.log; do echo "--- $f" >&2; tail -n 30 "$f" >&2; done
  fi
  exit 1
}

ok() { _mb_checks=$((_mb_checks + 1)); echo "ok: $*"; }

_mb_cleanup() {
  local rc=$?
  for pid in "${_mb_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${_mb_pids[@]}"; do
    # Bounded: a process that ignores SIGTERM for 5 s gets SIGKILL.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  # Brokers started by an activator we killed may still be finishing: end those we own.
  if [ -n "${T:-}" ]; then
    for pid in $(broker_pids); do kill -KILL "$pid" 2>/dev/null || true; done
    # Mounts under T (only in a private namespace, but be tidy anyway).
    # mountinfo escapes space, tab, newline and backslash as \ooo; %b decodes \0ooo.
    awk -v t="$T" '$5 ~ "^"t {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do
      umount -l "$(printf '%b' "${m//\\/\\0}")" 2>/dev/null || echo "cleanup: cannot unmount $m" >&2
    done
    rm -rf "$T" || echo "cleanup: could not remove $T" >&2
  fi
  if [ $rc -eq 0 ]; then echo "$_mb_checks passed, 0 failed"; else echo "0 passed, 1 failed"; fi
  exit $rc
}

# Creates $T (a temp dir), $SOCK, $STATE, $CONFIG and installs the cleanup trap.
mb_setup() {
  T=$(mktemp -d /tmp/mbtest.XXXXXX)
  SOCK=$T/broker.sock
  STATE=$T/state/
  CONFIG=$T/config.toml
  export MOUNT_BROKER_SOCKET=$SOCK
  trap _mb_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Starts a command in the background, remembered for cleanup. Sets $BG_PID.
start_bg() {
  "$@" &
  BG_PID=$!
  _mb_pids+=("$BG_PID")
}

# wait_until SECONDS CMD...: polls CMD every 50 ms until it succeeds or SECONDS pass.
wait_until() {
  local limit=$1
  shift
  local deadline=$((SECONDS + limit))
  while ! "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.05
  done
}

# mountctl against the test's socket, never longer than 30 s.
mctl() { timeout 30 "$MOUNTCTL" --socket "$SOCK" "$@"; }
# on_pty COLUMNS TIMEOUT_SEC CMD...: CMD on a pseudo-terminal of that width (output that only
# a terminal gets: progress, tables cut to its width); prints what it wrote, exits as it did.
on_pty() { python3 "$MB_SRC/tests/support/pty_run.py" "$@"; }
# `mountctl status` as data: exit 1 (a wanted mount is not mounted and healthy) is an answer
# too; any other failure is not. mstatus [--json] [NAME].
mstatus() { mctl "$@" status || [ $? = 1 ]; }

# Brokers that belong to this test (its state dir is on their command line).
broker_pids() {
  local p
  for p in $(pgrep -x mount-broker || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$T/" && echo "$p"
  done
  return 0
}
no_broker_running() { [ -z "$(broker_pids)" ]; }
socket_exists() { [ -S "$SOCK" ]; }

# write_config [MOUNT TOML...]: a config with a short idle exit and the caller's [[mount]]s.
write_config() {
  {
    echo "[broker]"
    echo "idle_exit_sec = ${IDLE_EXIT:-2}"
    echo "admin_group = \"${ADMIN_GROUP:-root}\""
    echo "log_level = \"debug\""
    echo "state_dir = \"$STATE\""
    printf '%s\n' "$@"
  } >"$CONFIG"
  chmod 0644 "$CONFIG"
}

# The broker command line every activator runs.
broker_cmd() { echo "$BROKER --config $CONFIG --state-dir $STATE"; }

# Starts the socket holder on $SOCK (events in $T/events.log, broker stderr in $T/broker.log).
start_holder() {
  start_bg "$HOLDER" --socket "$SOCK" --events "$T/events.log" -- $(broker_cmd) "$@" 2>>"$T/broker.log"
  wait_until 10 socket_exists || fail "socket holder did not create $SOCK"
}

launches() {
  local n
  n=$(grep -c '^launch' "$T/events.log" 2>/dev/null) || true
  echo "${n:-0}"
}

assert_eq() { [ "$1" = "$2" ] || fail "${3:-values differ}: expected [$2], got [$1]"; }
assert_contains() {
  case "$1" in *"$2"*) ;; *) fail "${3:-missing text}: [$2] not in [$1]" ;; esac
}

# forget_bg PID...: drops PIDs the caller has already reaped (with wait) from the cleanup
# list, so cleanup never signals a PID the kernel may have handed to someone else.
forget_bg() {
  local keep=() p f drop
  for p in "${_mb_pids[@]}"; do
    drop=0
    for f in "$@"; do [ "$p" = "$f" ] && drop=1; done
    [ $drop = 1 ] || keep+=("$p")
  done
  _mb_pids=("${keep[@]}")
}

# stop_bg PID: ends one process started with start_bg: SIGTERM, up to 5 s, then SIGKILL;
# reaps it and forgets it.
stop_bg() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  forget_bg "$pid"
}

# The broker's pid from `mountctl version` output ("... (protocol 1, pid 123, ...)").
version_pid() { sed -n 's/.*, pid \([0-9][0-9]*\),.*/\1/p' <<<"$1"; }

# Brokers of this test whose command line contains $1 (e.g. one of several state dirs).
broker_pids_with() {
  local p
  for p in $(broker_pids); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$1" && echo "$p"
  done
  return 0
}
no_broker_with() { [ -z "$(broker_pids_with "$1")" ]; }

# Any process still running whose command line mentions this test's temp dir (activators,
# brokers, clients), except the caller's own shell.
test_procs() { pgrep -f -- "$T/" | grep -vx "$$" || true; }
no_test_procs() { [ -z "$(test_procs)" ]; }
