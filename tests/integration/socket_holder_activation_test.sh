#!/usr/bin/env bash
# Under a socket holder that owns the socket and relaunches the broker with LISTEN_FDS /
# LISTEN_PID (what launchd and systemd do): cold start, idle exit, relaunch on demand.
. "$(dirname "$0")/lib.sh"
mb_setup
write_config
start_holder

out=$(mstatus) || fail "cold status failed"
assert_contains "$out" "NAME" "status prints a table"
assert_eq "$(launches)" 1 "one broker launched"
ok "a cold mountctl status starts the broker and is answered"

v=$(mctl version)
assert_contains "$v" "systemd (listening)" "the broker saw LISTEN_FDS"
ok "the broker knows it was socket-activated"

# Warm: the same instance answers while it is alive.
mstatus >/dev/null
assert_eq "$(launches)" 1 "a warm status reuses the running broker"
ok "a warm status is answered by the running instance"

wait_until 10 no_broker_running || fail "broker still running after its idle time"
ok "the broker exits after idle_exit_sec"

mstatus >/dev/null || fail "status after idle exit failed"
assert_eq "$(launches)" 2 "the next command starts a new broker"
ok "the next command starts a new instance"

[ "$(stat -c %a "$SOCK")" = 666 ] || fail "socket mode is $(stat -c %a "$SOCK")"
ok "the socket is 0666 (authorization is by peer credentials)"
