#!/usr/bin/env bash
# mountctl monitor against a broker relaunched by the socket holder, with a real bindfs share:
#  - a monitor (NDJSON, as root) and a second one (human lines, as nobody) are greeted by the
#    broker and keep it past its idle exit;
#  - mount, a sweep, a recovery after kill -9 of the FUSE daemon and an unmount each reach
#    both monitors as events saying what changed;
#  - kill -9 of the broker: the monitors say so, reconnect through the socket (the holder
#    starts a new broker) and go on; SIGTERM of the broker: it ends the monitors with a
#    reason and they reconnect again;
#  - once the monitors leave, the broker exits idle as usual.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"
chmod 0755 "$T"  # let nobody reach the socket

mkdir -p "$T/src/share" "$T/mnt/share"
echo data >"$T/src/share/file"
IDLE_EXIT=1 write_config '[[mount]]' 'name = "share"' 'type = "command"' \
  "mountpoint = \"$T/mnt/share\"" "command = [\"bindfs\", \"$T/src/share\", \"{mountpoint}\"]" \
  "source = \"$T/src/share\"" 'probe_interval_sec = 1'
start_holder

JSON_OUT=$T/monitor_json.out
HUMAN_OUT=$T/monitor_human.out
start_bg "$MOUNTCTL" --socket "$SOCK" --json monitor >"$JSON_OUT" 2>"$T/monitor_json.log"
JSON_MON=$BG_PID
start_bg setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
  "$MOUNTCTL" --socket "$SOCK" monitor >"$HUMAN_OUT" 2>"$T/monitor_human.log"
HUMAN_MON=$BG_PID

# count_events KIND [PYTHON CONDITION on e]: NDJSON events of the JSON monitor that match.
count_events() {
  python3 - "$JSON_OUT" "$1" "${2:-True}" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1]):
    try:
        e = json.loads(line)
    except ValueError:  # a line still being written
        continue
    if e.get("event") == sys.argv[2] and eval(sys.argv[3], {}, {"e": e}):
        n += 1
print(n)
PY
}
at_least() { [ "$(count_events "$2" "${3:-True}")" -ge "$1" ]; }
human_has() { grep -qE -- "$1" "$HUMAN_OUT"; }

wait_until 10 at_least 1 hello || fail "no hello on the JSON monitor"
wait_until 10 human_has "watching mount-broker .* \(pid [0-9]+\)" || fail "no hello for nobody's monitor"
first_pid=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["pid"])' "$JSON_OUT")
assert_eq "$(launches)" 1 "both monitors are served by one broker"
ok "two monitors (root with --json, nobody in human lines) are greeted by broker $first_pid"

# idle_exit_sec is 1: a broker that exits within 4 s has ignored its monitors.
if wait_until 4 no_broker_running; then fail "the broker exited while monitors were connected"; fi
ok "the broker stays past its idle exit while monitors are connected"

mctl mount share --wait >/dev/null || fail "mount share --wait"
wait_until 10 at_least 1 state 'e["mount"]["name"] == "share" and e["mount"]["state"] == "mounted" and "phase" in e["changes"]' ||
  fail "no state event for share reaching mounted: $(cat "$JSON_OUT")"
wait_until 10 human_has "share: (mounting|unmounted) -> mounted" || fail "nobody's monitor did not see the mount: $(cat "$HUMAN_OUT")"
ok "mount --wait reaches both monitors"

mctl sweep >/dev/null || fail "sweep"
wait_until 10 at_least 1 sweep-start || fail "no sweep-start event"
wait_until 10 at_least 1 sweep-end 'e["healthy"] is True and e["duration_ms"] >= 0' || fail "no sweep-end event"
wait_until 10 human_has "sweep done in [0-9]+ ms: all healthy" || fail "nobody's monitor did not see the sweep"
ok "a sweep's start and end reach both monitors"

sleep 1.1  # the probe interval (1 s) has passed since the mount
daemon=$(daemon_for "$T/mnt/share")
[ -n "$daemon" ] || fail "no bindfs daemon for share"
kill -KILL "$daemon"
wait_until 5 dead "$daemon" || fail "bindfs survived SIGKILL"
mctl sweep >/dev/null || true
wait_until 10 at_least 1 state 'e["from"] == "mounted" and e["mount"]["state"] == "recovering" and "error" in e["changes"] and e["mount"]["last_error"] != ""' ||
  fail "no event for the recovery with its error: $(cat "$JSON_OUT")"
wait_until 10 at_least 1 state '"recoveries" in e["changes"] and e["mount"]["recoveries"] == 1' ||
  fail "no event counting the recovery"
wait_until 10 human_has "share: mounted -> recovering \(probe\).*Transport endpoint is not connected" ||
  fail "nobody's monitor did not see the failure: $(cat "$HUMAN_OUT")"
ok "a recovery (phase, error, recoveries) reaches both monitors"

# ---- kill -9 of the broker: both monitors reconnect through the socket
broker=$(broker_pids)
assert_eq "$broker" "$first_pid" "the broker that greeted the monitors is the one running"
kill -KILL "$broker"
wait_until 10 at_least 2 hello || fail "the JSON monitor did not reconnect after kill -9: $(cat "$T/monitor_json.log")"
second_pid=$(python3 -c 'import json,sys; print([json.loads(l) for l in open(sys.argv[1]) if "\"hello\"" in l][1]["pid"])' "$JSON_OUT")
[ "$second_pid" != "$first_pid" ] || fail "the second hello came from the killed broker"
grep -q "lost the broker (pid $first_pid).*reconnecting" "$T/monitor_json.log" ||
  fail "the JSON monitor did not say it lost the broker: $(cat "$T/monitor_json.log")"
wait_until 10 grep -q "lost the broker (pid $first_pid)" "$T/monitor_human.log" || fail "nobody's monitor did not say so"
wait_until 10 human_has "watching mount-broker .* \(pid $second_pid\)" || fail "nobody's monitor did not reconnect"
assert_eq "$(launches)" 2 "one new broker serves both reconnected monitors"
ok "after kill -9 of the broker both monitors say so and reconnect to broker $second_pid"

mctl unmount share >/dev/null || fail "unmount share"
wait_until 10 at_least 1 state 'e["mount"]["desired"] == "unmounted" and "desired" in e["changes"]' ||
  fail "no event for desired becoming unmounted after the reconnect"
wait_until 10 human_has "share: mounted -> unmount(ing|ed).*wanted unmounted|share: .*wanted unmounted" ||
  fail "nobody's monitor did not see the unmount: $(cat "$HUMAN_OUT")"
ok "the reconnected monitors see the unmount"

# ---- SIGTERM: the broker ends the monitors with a reason; they reconnect
kill -TERM "$second_pid"
wait_until 10 grep -q "the broker (pid $second_pid) ended the monitor (the broker was stopped); reconnecting" "$T/monitor_json.log" ||
  fail "the JSON monitor did not report the stop: $(cat "$T/monitor_json.log")"
wait_until 10 at_least 3 hello || fail "the JSON monitor did not reconnect after SIGTERM"
ok "a stopped broker ends the monitors with its reason and they reconnect"

# ---- the monitors leave: the broker exits idle as usual
stop_bg "$JSON_MON"
stop_bg "$HUMAN_MON"
wait_until 10 no_broker_running || fail "the broker did not exit after the monitors left"
ok "once the monitors leave, the broker exits idle"
