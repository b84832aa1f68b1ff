#!/usr/bin/env bash
# A broker that cannot start (its state directory cannot be created, another instance holds
# the lock) still answers the clients queued for it, with the reason, and exits: nobody waits
# for a deadline in silence.
. "$(dirname "$0")/lib.sh"
mb_setup
write_config
# A state directory that cannot exist: /proc does not take new directories.
start_bg "$HOLDER" --socket "$SOCK" --events "$T/events.log" -- \
  "$BROKER" --config "$CONFIG" --state-dir /proc/mount-broker-test-cannot-exist 2>>"$T/broker.log"
wait_until 10 socket_exists || fail "socket holder did not create $SOCK"

start=$SECONDS
rc=0
out=$(mctl status 2>&1) || rc=$?
assert_eq "$rc" 1 "exit status when the broker cannot start"
assert_contains "$out" "cannot start" "the client is told the broker cannot start"
assert_contains "$out" "/proc/mount-broker-test-cannot-exist" "and why"
[ $((SECONDS - start)) -lt 10 ] || fail "the answer took $((SECONDS - start)) s"
ok "a client of a broker that cannot start gets the reason at once (exit 1)"

wait_until 10 no_broker_running || fail "the failed broker did not exit"
ok "the broker that could not start exits"
