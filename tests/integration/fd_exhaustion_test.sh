#!/usr/bin/env bash
# Descriptors run out: the socket is open to every local user. A broker under a low
# RLIMIT_NOFILE, flooded with idle connections by an unprivileged user who reconnects as soon as
# one is closed, still answers root within 1 s, and its log stays small (the old accept loop
# spun on EMFILE and logged millions of lines). When accept itself fails (root's own flood uses
# up the descriptors), it is logged once, and a client waiting in the backlog is answered
# within 1 s of a descriptor freeing.
. "$(dirname "$0")/lib.sh"
mb_setup
chmod go+x "$T"  # other users must reach the socket (the broker makes it 0666) and the scripts
IDLE_EXIT=60 write_config
NOFILE=64

# flood.py SOCKET N: holds N connections; each one the broker closes is opened again at once.
cat >"$T/flood.py" <<'PY'
import selectors, socket, sys
path, n = sys.argv[1], int(sys.argv[2])
sel = selectors.DefaultSelector()
def connect():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    try:
        s.connect(path)  # completes at once while the backlog has room
    except OSError:
        s.close()
        return
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
for _ in range(n):
    connect()
print("holding", len(sel.get_map()), flush=True)
while True:
    for key, _ in sel.select(timeout=1):
        sel.unregister(key.fileobj)
        key.fileobj.close()
        connect()
PY
chmod 0644 "$T/flood.py"

# ask.py SOCKET: one version request; prints the reply line and the time it took.
cat >"$T/ask.py" <<'PY'
import socket, sys, time
t0 = time.monotonic()
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(b'{"v":1,"id":1,"op":"version"}\n')
line = s.makefile("rb").readline().decode()
print(int((time.monotonic() - t0) * 1000), line.strip())
PY
chmod 0644 "$T/ask.py"
# run_as USER GROUPS: sets AS to the command prefix that runs a program as USER, with its own
# group and the supplementary GROUPS ("" for none). setpriv execs the program, so a PID from
# start_bg is the program's own.
run_as() {
  local groups=--clear-groups
  [ -z "$2" ] || groups=--groups=$2
  AS=(setpriv --reuid="$1" --regid="$(id -g "$1")" "$groups")
}

start_bg prlimit --nofile=$NOFILE:$NOFILE -- "$BROKER" --config "$CONFIG" --state-dir "$STATE" \
  --listen "$SOCK" 2>>"$T/broker.log"
BROKER_PID=$BG_PID
wait_until 10 socket_exists || fail "the broker did not listen"
mctl version >/dev/null || fail "no answer before the flood"

ms() { date +%s%3N; }
# answered_within_1s CMD...: root's mountctl, answered in under a second; the time in $TOOK.
answered_within_1s() {
  local t0 t1
  t0=$(ms)
  timeout 5 "$MOUNTCTL" --socket "$SOCK" --connect-timeout 5 "$@" >/dev/null ||
    fail "mountctl $* was not answered within 5 s"
  t1=$(ms)
  TOOK=$((t1 - t0))
  [ "$TOOK" -lt 1000 ] || fail "mountctl $* took $TOOK ms"
}
has_line() { grep -q "$1" "$2"; }

# --- an unprivileged user's flood -------------------------------------------------------------
# The system python: a python3 earlier in root's PATH may live where nobody cannot read.
run_as nobody ""
start_bg "${AS[@]}" /usr/bin/python3 "$T/flood.py" "$SOCK" 300 >"$T/flood.out" 2>&1
FLOOD_PID=$BG_PID
wait_until 20 has_line "^holding" "$T/flood.out" || fail "the flood did not start: $(cat "$T/flood.out")"
times=""
for _ in 1 2 3 4 5; do
  for op in version status; do
    answered_within_1s "$op"
    times+="$TOOK "
  done
done
ok "root is answered within 1 s while nobody floods the socket (ms: $times)"

fds=$(ls "/proc/$BROKER_PID/fd" | wc -l)
[ "$fds" -lt $NOFILE ] || fail "the broker has $fds descriptors open, the limit is $NOFILE"
lines=$(wc -l <"$T/broker.log")
[ "$lines" -lt 40 ] || fail "the log grew to $lines lines: $(sort "$T/broker.log" | cut -c31- | uniq -c | sort -rn | head -5)"
grep -q "client refused: too many connections from uid $(id -u nobody)" "$T/broker.log" ||
  fail "the refusal is not logged"
ok "the flood holds few descriptors ($fds open) and the log stays small ($lines lines)"

# Four more users flood too: together they want more than the overall bound (16 at 64).
flooders=("$FLOOD_PID")
for user in daemon bin sys sync; do
  run_as "$user" ""
  start_bg "${AS[@]}" /usr/bin/python3 "$T/flood.py" "$SOCK" 50 >"$T/flood-$user.out" 2>&1
  flooders+=("$BG_PID")
  wait_until 20 has_line "^holding" "$T/flood-$user.out" || fail "$user's flood did not start"
done
lp_refused() {
  run_as lp ""
  "${AS[@]}" /usr/bin/python3 "$T/ask.py" "$SOCK" >"$T/lp.out" 2>&1 || true
  grep -q '"busy".*users other than root and the admin group' "$T/lp.out"
}
wait_until 10 lp_refused || fail "a sixth user was not refused: $(cat "$T/lp.out")"
ok "a sixth unprivileged user is told busy: the users together are at the bound"
# admin_group is "root": a user with that supplementary group is an admin.
run_as man 0
"${AS[@]}" /usr/bin/python3 "$T/ask.py" "$SOCK" >"$T/admin.out" 2>&1 || fail "admin: $(cat "$T/admin.out")"
read -r admin_ms admin_reply <"$T/admin.out"
assert_contains "$admin_reply" '"ok": true' "the admin's reply"
[ "$admin_ms" -lt 1000 ] || fail "the admin waited $admin_ms ms"
answered_within_1s version
ok "an admin ($admin_ms ms) and root ($TOOK ms) still get through"
for pid in "${flooders[@]}"; do stop_bg "$pid"; done

# --- accept itself fails: root's own connections use up the descriptors -----------------------
start_bg python3 "$T/flood.py" "$SOCK" 100 >"$T/root_flood.out" 2>&1
ROOT_FLOOD_PID=$BG_PID
wait_until 20 has_line "^holding" "$T/root_flood.out" || fail "root's flood did not start"
wait_until 10 has_line "accept failed" "$T/broker.log" || fail "accept never failed"
# A window in which a spinning accept loop would log thousands of lines.
before=$(wc -l <"$T/broker.log")
sleep 1
after=$(wc -l <"$T/broker.log")
assert_eq "$(grep -c "accept failed" "$T/broker.log")" 1 "accept failures logged"
[ $((after - before)) -lt 5 ] || fail "the log grew by $((after - before)) lines in 1 s"
ok "accept failing for want of descriptors is logged once, and the loop does not spin"

stop_bg "$ROOT_FLOOD_PID"
answered_within_1s version
ms_free=$TOOK
wait_until 5 has_line "accepting clients again" "$T/broker.log" || fail "no line says accept resumed"
ok "once descriptors free, a waiting client is answered within 1 s ($ms_free ms)"

stop_bg "$BROKER_PID"
[ -z "$(test_procs)" ] || fail "processes left: $(test_procs)"
ok "the broker and the flooders are gone"
