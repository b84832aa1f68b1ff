#!/usr/bin/env bash
# Under a real, private openbsd-inetd (inetd -d: foreground, debug log to stderr) with its
# own inetd.conf, on two unix sockets:
#  - wait:   inetd hands the listening socket over as fd 0 and stops watching it; the broker
#            accepts itself, idles out and exits; inetd takes the socket back and starts a
#            new broker on the next connection.
#  - nowait: inetd accepts and hands the connected socket over as fds 0-2; the broker serves
#            that one client and exits at once (its idle_exit_sec is 60 to prove it).
# In both the broker must write no log text into the socket. Then 50 concurrent clients
# under nowait: 50 brokers that serialize on the state lock; every client is answered.
#
# openbsd-inetd always writes /run/inetd.pid; it runs in this test's private mount
# namespace with a tmpfs over /run, so the machine's /run (and /etc/inetd.conf, and any
# system inetd) is never touched.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup

INETD=/usr/sbin/inetd
[ -x "$INETD" ] || fail "openbsd-inetd is not installed ($INETD)"
mount -t tmpfs -o size=1m,mode=0755 mb-inetd-run /run || fail "cannot mount a private /run"

mode_config() { # NAME IDLE_SEC
  CONFIG=$T/$1.toml STATE=$T/$1-state/ IDLE_EXIT=$2 write_config
}
mode_config wait 2
mode_config nowait 60
# The entries are the documented inetd.conf line that CMake generates (inetd/inetd.conf.in ->
# $MB_BIN/inetd/inetd.conf, installed for administrators to copy), so the documented line is
# the exercised one. Only the test's own paths are put in: the socket (field 1), the program
# (field 6, the build's broker instead of the installed one) and, appended, the test's
# config and state directory. The nowait entry is the same line with field 4 changed.
doc_line=$(grep -v '^[[:space:]]*#' "$MB_BIN/inetd/inetd.conf" | grep .) || fail "no line in $MB_BIN/inetd/inetd.conf"
[ "$(wc -l <<<"$doc_line")" = 1 ] || fail "expected one inetd.conf line, got: $doc_line"
read -r f_sock f_type f_proto f_mode f_user f_prog f_argv0 f_rest <<<"$doc_line"
default_sock=$(sed -n 's/.*kDefaultSocket = "\(.*\)";.*/\1/p' "$MB_BIN/generated/util/build_config.hpp")
sbindir=$(sed -n 's/^sbindir=//p' "$MB_BIN/install-paths.txt")
assert_eq "$f_sock $f_type $f_proto $f_mode $f_user" "$default_sock stream unix wait root" "the documented inetd line"
assert_eq "$f_prog $f_argv0" "$sbindir/mount-broker mount-broker" "the documented program"
[ -z "${f_rest:-}" ] || fail "the documented line passes arguments: $f_rest"
inetd_entry() { # MODE: the documented line with this test's socket, program and arguments
  awk -v sock="$T/$1.sock" -v mode="$1" -v prog="$BROKER" \
    -v args="--config $T/$1.toml --state-dir $T/$1-state/" \
    'BEGIN { OFS = "\t" } { $1 = sock; $4 = mode; $6 = prog; print $0, args }' <<<"$doc_line"
}
{
  echo "# private inetd.conf of $T"
  inetd_entry wait
  inetd_entry nowait
} >"$T/inetd.conf"

start_bg "$INETD" -d "$T/inetd.conf" >>"$T/inetd.log" 2>&1
INETD_PID=$BG_PID
wait_until 10 test -S "$T/wait.sock" -a -S "$T/nowait.sock" ||
  fail "inetd did not create its sockets"
kill -0 "$INETD_PID" 2>/dev/null || fail "inetd exited"
no_broker_running || fail "a broker started before any client connected"
ok "a private inetd, configured with the documented line ($MB_BIN/inetd/inetd.conf), listens on both unix sockets; no broker runs yet"

# raw_exchange SOCK: sends one version request, half-closes, and prints every byte that
# arrives until EOF. The broker answers, sees our EOF and shuts the connection down in both
# directions, after which nothing more can be delivered: this is everything the client can
# ever receive. In nowait mode the connection is also the broker's inherited fds 0-2, so
# log text written to stdout/stderr before the shutdown would show up here (mountctl itself
# only reads the first line).
raw_exchange() {
  timeout 30 python3 - "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(25)
s.connect(sys.argv[1])
s.sendall(b'{"v": 1, "id": 7, "op": "version"}\n')
s.shutdown(socket.SHUT_WR)
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
sys.stdout.write(data.decode("utf-8", "replace"))
PY
}
# only_json_lines TEXT EXPECTED_LINES: every line is a JSON object that says ok.
only_json_lines() {
  python3 -c '
import json, sys
lines = sys.stdin.read().splitlines()
assert len(lines) == int(sys.argv[1]), f"{len(lines)} lines: {lines!r}"
for l in lines:
    assert json.loads(l)["ok"] is True, l
' "$2" <<<"$1"
}
is_json() { python3 -c 'import json, sys; json.loads(sys.stdin.read())' <<<"$1"; }

# --- wait -----------------------------------------------------------------------------------
SOCK=$T/wait.sock
out=$(mstatus) || fail "wait: cold status failed"
assert_contains "$out" "NAME" "status prints a table"
j=$(mstatus --json) || fail "wait: --json status failed"
is_json "$j" || fail "wait: --json status is not JSON: [$j]"
ok "wait: a cold status is answered; the table and --json (valid JSON) are clean"

v=$(mctl version) || fail "wait: version failed"
assert_contains "$v" "inetd wait (listening)" "the broker saw a listening socket on fd 0"
pid1=$(version_pid "$v")
assert_eq "$(broker_pids_with "$T/wait-state/")" "$pid1" "one broker served every command"
ok "wait: version reports inetd wait; one instance (pid $pid1) serves every command"

raw=$(raw_exchange "$SOCK") || fail "wait: raw exchange failed"
only_json_lines "$raw" 1 || fail "wait: the connection carried more than the response: [$raw]"
ok "wait: a raw connection gets exactly one JSON line and then EOF"

wait_until 10 no_broker_with "$T/wait-state/" || fail "wait: broker still running after its idle time"
kill -0 "$INETD_PID" 2>/dev/null || fail "inetd exited with the broker"
ok "wait: the broker exits after idle_exit_sec; inetd keeps running"

v=$(mctl version) || fail "wait: version after idle exit failed"
pid2=$(version_pid "$v")
assert_contains "$v" "inetd wait (listening)" "the new instance got the listening socket"
[ -n "$pid2" ] && [ "$pid2" != "$pid1" ] || fail "wait: expected a new broker, got pid [$pid2]"
ok "wait: inetd starts a new instance on the next command (pid $pid1 -> $pid2)"
wait_until 10 no_broker_with "$T/wait-state/" || fail "wait: second broker did not idle out"

# --- nowait ---------------------------------------------------------------------------------
SOCK=$T/nowait.sock
out=$(mstatus) || fail "nowait: cold status failed"
assert_contains "$out" "NAME" "status prints a table"
wait_until 5 no_broker_with "$T/nowait-state/" ||
  fail "nowait: a broker is still running after its client is done"
ok "nowait: status is answered and the broker exits right after (idle_exit_sec is 60)"

j=$(mstatus --json) || fail "nowait: --json status failed"
is_json "$j" || fail "nowait: --json status is not JSON: [$j]"
v1=$(mctl version) || fail "nowait: version failed"
v2=$(mctl version) || fail "nowait: second version failed"
assert_contains "$v1" "inetd nowait (one connection)" "the broker saw a connected socket on fd 0"
a=$(version_pid "$v1") b=$(version_pid "$v2")
[ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ] || fail "nowait: expected two instances, got [$a] [$b]"
ok "nowait: --json status is valid JSON; version reports inetd nowait; a new instance per command ($a, $b)"

# This broker logs at debug level ("client ...: version", "exiting"); none of it may reach
# the client.
raw=$(raw_exchange "$SOCK") || fail "nowait: raw exchange failed"
only_json_lines "$raw" 1 || fail "nowait: the connection carried more than the response: [$raw]"
wait_until 5 no_broker_with "$T/nowait-state/" || fail "nowait: brokers left after the clients"
ok "nowait: the connection carries exactly one JSON line, no log text, up to EOF"

# --- 50 concurrent clients under nowait ------------------------------------------------------
N=50
start_ms=$(($(date +%s%N) / 1000000))
clients=()
for i in $(seq $N); do
  start_bg timeout 30 "$MOUNTCTL" --socket "$SOCK" status >"$T/client.$i.out" 2>&1
  clients+=("$BG_PID")
done
failed=0
for i in $(seq $N); do
  rc=0
  wait "${clients[$((i - 1))]}" || rc=$?
  if [ $rc != 0 ] || ! grep -q NAME "$T/client.$i.out"; then
    failed=$((failed + 1))
    echo "client $i: exit $rc: $(cat "$T/client.$i.out")" >&2
  fi
done
forget_bg "${clients[@]}"
elapsed_ms=$(($(date +%s%N) / 1000000 - start_ms))
assert_eq "$failed" 0 "clients that failed"
ok "nowait: $N concurrent status clients all exit 0 with a table (${elapsed_ms} ms)"
wait_until 10 no_broker_running || fail "brokers left after the concurrent clients"
n=$(grep -c 'execv .*mount-broker' "$T/inetd.log" || true)
[ "$n" -ge $((N + 7)) ] || fail "inetd logged $n broker launches, expected at least $((N + 7))"
ok "no broker remains; inetd launched one broker per connection ($n launches in all)"

stop_bg "$INETD_PID"
wait_until 10 no_test_procs || fail "left behind: $(test_procs | xargs -r ps -o pid,args -p)"
ok "inetd stopped; no inetd, broker or client of this test is left running"
