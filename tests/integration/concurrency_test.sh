#!/usr/bin/env bash
# Many clients at once, and clients that arrive while an instance is exiting: every one is
# answered (queued connections stay in the backlog and wake the next instance; mountctl
# retries a refused or reset connection within its bound).
. "$(dirname "$0")/lib.sh"
mb_setup
IDLE_EXIT=1 write_config '[[mount]]' 'name = "a"' 'type = "command"' "mountpoint = \"$T/mnt/a\"" \
  'command = ["true", "{mountpoint}"]'
start_holder

pids=()
for i in $(seq 50); do
  mstatus >"$T/out.$i" 2>&1 &
  pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
assert_eq "$failed" 0 "clients that failed"
for i in $(seq 50); do grep -q '^a ' "$T/out.$i" || fail "client $i got: $(cat "$T/out.$i")"; done
ok "50 concurrent mountctl status clients are all answered"

# A broker told to stop (the same path as idle exit) while clients keep arriving: stop
# accepting, finish what was accepted; the rest are served by the next instance.
mstatus >/dev/null || fail "status"
before=$(launches)
victim=$(broker_pids)
[ -n "$victim" ] || fail "no broker running"
pids=()
for i in $(seq 40); do
  (sleep "0.0$((RANDOM % 10))"; mstatus >"$T/stop.$i" 2>&1) &
  pids+=($!)
done
sleep 0.03
kill -TERM $victim
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
assert_eq "$failed" 0 "clients that failed while the broker was exiting"
[ "$(launches)" -gt "$before" ] || fail "no new instance served the clients queued after the stop"
ok "clients arriving while an instance exits are answered (launches: $(launches))"

# Clients timed to land around the idle-exit moment, over several exit cycles.
failed=0
for i in $(seq 12); do
  sleep "0.9$((RANDOM % 10))"
  mstatus >/dev/null 2>&1 || failed=$((failed + 1))
done
assert_eq "$failed" 0 "clients that failed around idle exit"
ok "clients that connect around the idle-exit moment are answered (launches: $(launches))"
