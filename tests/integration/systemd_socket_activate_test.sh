#!/usr/bin/env bash
# Under the real systemd-socket-activate(1), the way systemd's own socket units run us:
#  - default mode: it binds the socket, waits for the first connection and execs the broker
#    in place with LISTEN_FDS=1 (fd 3 = the listening socket). It does not relaunch, so a
#    bounded loop here plays the service manager's part of starting it again.
#  - --accept mode (Accept=yes): it accepts and starts one broker per connection with the
#    connected socket on fd 3; that broker serves the one client and exits at once.
# systemd-socket-activate creates the socket 0644: the clients here run as root.
. "$(dirname "$0")/lib.sh"
mb_setup

SSA=$(command -v systemd-socket-activate) || fail "systemd-socket-activate is not installed"
[ "$(id -u)" = 0 ] || fail "needs root: systemd-socket-activate makes the socket 0644"

# One config and state dir per mode, so each mode's brokers can be told apart. The --accept
# brokers get a long idle time: exiting within seconds shows the one-connection exit, not
# the idle exit.
mode_config() { # NAME IDLE_SEC
  CONFIG=$T/$1.toml STATE=$T/$1-state/ IDLE_EXIT=$2 write_config
}
mode_cmd() { echo "$BROKER --config $T/$1.toml --state-dir $T/$1-state/"; }

# Reruns systemd-socket-activate (at most $1 times) each time the broker it became exits;
# each launch is logged as "launch PID" in $T/events.log. On SIGTERM it ends the current
# activator/broker by PID, reaps it and exits, so stopping the loop leaves nothing behind.
ssa_loop() {
  local max=$1 child="" i
  shift
  trap '[ -z "$child" ] || kill -TERM "$child" 2>/dev/null; wait; exit 0' TERM INT
  for i in $(seq "$max"); do
    "$SSA" "$@" &
    child=$!
    echo "launch $child" >>"$T/events.log"
    wait "$child" || true
    child=""
  done
}

# --- default mode: listening socket on fd 3, idle exit, relaunch ---------------------------
mode_config listen 2
SOCK=$T/listen.sock
start_bg ssa_loop 20 -l "$SOCK" $(mode_cmd listen) 2>>"$T/ssa-listen.log"
LOOP=$BG_PID
wait_until 10 socket_exists || fail "systemd-socket-activate did not create $SOCK"
launches_are() { [ "$(launches)" = "$1" ]; }
wait_until 5 launches_are 1 || fail "expected one activator waiting, got $(launches)"
no_broker_with "$T/listen-state/" || fail "a broker started before any client connected"
ok "systemd-socket-activate holds the socket; no broker runs before a client connects"

out=$(mstatus) || fail "cold status failed"
assert_contains "$out" "NAME" "status prints a table"
ok "a cold mountctl status starts the broker and is answered"

v=$(mctl version) || fail "version failed"
assert_contains "$v" "systemd (listening)" "the broker saw LISTEN_FDS with a listening socket"
pid1=$(version_pid "$v")
first=$(sed -n '1s/^launch //p' "$T/events.log")
assert_eq "$pid1" "$first" "the broker runs in the activator's process (exec in place)"
assert_eq "$(broker_pids_with "$T/listen-state/")" "$pid1" "exactly one broker"
ok "mountctl version reports systemd activation; one instance served both commands"

wait_until 10 no_broker_with "$T/listen-state/" || fail "broker still running after its idle time"
ok "the broker exits after idle_exit_sec"

wait_until 10 launches_are 2 || fail "the loop did not restart systemd-socket-activate"
v=$(mctl version) || fail "version after idle exit failed"
pid2=$(version_pid "$v")
assert_contains "$v" "systemd (listening)" "the new instance is socket-activated too"
[ -n "$pid2" ] && [ "$pid2" != "$pid1" ] || fail "expected a new broker, got pid [$pid2] again"
out=$(mstatus) || fail "status on the new instance failed"
assert_eq "$(version_pid "$(mctl version)")" "$pid2" "a warm command reuses the new instance"
ok "the next command starts a new instance (pid $pid1 -> $pid2), which then stays warm"

stop_bg "$LOOP"
wait_until 10 no_test_procs || fail "left behind: $(test_procs | xargs -r ps -o pid,args -p)"
ok "stopping the loop leaves no activator or broker behind"

# --- --accept mode: one broker per connection, connected socket on fd 3 --------------------
mode_config accept 60
SOCK=$T/accept.sock
start_bg "$SSA" --accept -l "$SOCK" $(mode_cmd accept) 2>>"$T/ssa-accept.log"
ACCEPT=$BG_PID
wait_until 10 socket_exists || fail "systemd-socket-activate --accept did not create $SOCK"

out=$(mstatus) || fail "cold status (--accept) failed"
assert_contains "$out" "NAME" "status prints a table"
ok "--accept: mountctl status is answered"
wait_until 5 no_broker_with "$T/accept-state/" ||
  fail "--accept: a broker is still running after its client is done"
ok "--accept: the broker exits as soon as its client is done (idle_exit_sec is 60)"

v1=$(mctl version) || fail "--accept: version failed"
assert_contains "$v1" "systemd (one connection)" "the broker saw a connected socket on fd 3"
v2=$(mctl version) || fail "--accept: second version failed"
a=$(version_pid "$v1") b=$(version_pid "$v2")
[ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ] || fail "--accept: expected two instances, got [$a] [$b]"
ok "--accept: version reports systemd (one connection); each command gets a new instance ($a, $b)"
wait_until 5 no_broker_with "$T/accept-state/" || fail "--accept: brokers left after version"
spawned() { test "$(grep -c '^Spawned ' "$T/ssa-accept.log")" = "$1"; }
wait_until 5 spawned 3 || fail "expected 3 brokers spawned, its log says: $(grep '^Spawned ' "$T/ssa-accept.log")"
ok "--accept: no broker remains after its client; 3 connections, 3 brokers"

stop_bg "$ACCEPT"
wait_until 10 no_test_procs || fail "left behind: $(test_procs | xargs -r ps -o pid,args -p)"
ok "no activator, broker or client of this test is left running"
