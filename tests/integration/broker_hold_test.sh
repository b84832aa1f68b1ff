#!/usr/bin/env bash
# `mount-broker --hold PATH`, the development holder (broker/activation/hold.cpp): it keeps
# the socket across idle exits and starts a broker per first connection, as systemd does;
# and mountctl, given a socket path where no file exists, fails at once with a hint instead
# of retrying for 10 s.
. "$(dirname "$0")/lib.sh"
mb_setup
IDLE_EXIT=1 write_config

# ---- mountctl and a socket file that does not exist
start=$(date +%s%N)
rc=0
out=$(timeout 30 "$MOUNTCTL" --socket "$T/none.sock" status 2>&1) || rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
assert_eq "$rc" 3 "mountctl's exit status for a missing socket (unreachable)"
[ "$ms" -lt 1500 ] || fail "mountctl took $ms ms to give up on a missing socket"
assert_contains "$out" "cannot reach the broker at $T/none.sock" "the error"
assert_contains "$out" "mount-broker --hold $T/none.sock" "the hint"
assert_contains "$out" "systemctl enable --now mount-broker.socket" "the hint"
ok "no socket file: mountctl fails in $ms ms (exit 3) and names systemctl and mount-broker --hold"

# ---- the holder
start_bg "$BROKER" --hold "$SOCK" --config "$CONFIG" --state-dir "$STATE" 2>>"$T/broker.log"
HOLD=$BG_PID
wait_until 10 socket_exists || fail "mount-broker --hold did not create $SOCK"
held() { pgrep -P "$HOLD" -x mount-broker || true; }
no_held() { [ -z "$(held)" ]; }
[ "$(stat -c %a "$SOCK")" = 666 ] || fail "the held socket's mode is $(stat -c %a "$SOCK")"
no_held || fail "a broker runs before any client"
ok "--hold binds $SOCK (0666) and starts no broker before a client"

v1=$(mctl version) || fail "version through the holder: $v1"
assert_contains "$v1" "hold (listening)" "the held broker's activation"
p1=$(version_pid "$v1")
[ "$p1" != "$HOLD" ] || fail "the holder answered itself"
assert_eq "$(held)" "$p1" "the broker is the holder's child"
wait_until 10 no_held || fail "the held broker did not exit when idle"
socket_exists || fail "the socket went away with the broker"
ok "the first client starts a broker (activation \"hold\"); it exits when idle and the socket stays"

v2=$(mctl version) || fail "version after the idle exit: $v2"
p2=$(version_pid "$v2")
[ -n "$p2" ] && [ "$p2" != "$p1" ] || fail "the second client was not served by a new broker ($p1, $p2)"
ok "the next client after the idle exit starts a new broker (pid $p1, then $p2)"

rc=0
out=$(timeout 10 "$BROKER" --hold "$SOCK" --config "$CONFIG" 2>&1) || rc=$?
assert_eq "$rc" 1 "a second holder on a live socket"
assert_contains "$out" "already listening" "the second holder's error"
rc=0
out=$(timeout 10 "$BROKER" --hold "$SOCK" --listen "$T/x.sock" 2>&1) || rc=$?
[ "$rc" != 0 ] || fail "--hold with --listen was accepted"
ok "a second holder on the same live socket, and --hold with --listen, are refused"

# ---- a broker that cannot start: the holder stays and the client gets the reason
wait_until 10 no_held || fail "the held broker did not exit when idle"
# A file where the state directory should be: the next broker cannot start.
mv "$T/state" "$T/state.saved"
echo "not a directory" >"$T/state"
rc=0
out=$(mctl status 2>&1) || rc=$?
assert_eq "$rc" 1 "status when the held broker cannot start"
assert_contains "$out" "cannot start" "the client is told the broker cannot start"
wait_until 10 no_held || fail "the broker that could not start is still running"
kill -0 "$HOLD" || fail "the holder died with the broker"
grep -q "hold: the broker (pid [0-9]*) ended with status 1" "$T/broker.log" ||
  fail "the holder did not log the failed broker: $(tail -n 5 "$T/broker.log")"
rm "$T/state"
mv "$T/state.saved" "$T/state"
wait_until 10 eval 'mctl status >/dev/null' || fail "status after the state directory came back"
ok "a broker that cannot start answers with the reason and the holder keeps serving; fixed, the next client is answered"

# ---- SIGTERM: the running broker ends, the socket is removed
running=$(held)
[ -n "$running" ] || fail "no held broker runs before the stop"
kill -TERM "$HOLD"
rc=0
wait "$HOLD" || rc=$?
forget_bg "$HOLD"
assert_eq "$rc" 0 "the holder's exit status after SIGTERM"
kill -0 "$running" 2>/dev/null && fail "the held broker outlived its holder"
[ ! -e "$SOCK" ] || fail "the holder left its socket"
ok "SIGTERM to the holder ends its broker, removes the socket and exits 0"
