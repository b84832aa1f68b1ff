#!/usr/bin/env bash
# The fork server (platform/fork_server.hpp) with a real broker and a hung bindfs share (its
# daemon SIGSTOPped), in a private mount namespace: the probe child it forks is the broker's
# own child, leads its own process group, holds no descriptor but 0-2 (no socket, lock or
# pipe of the broker leaks in), shows `--internal probe PATH` as its command line and is
# ended at probe_timeout_sec; the server itself holds nothing of the broker's; the server and
# every child are gone once the broker exits idle.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

PROBE_TIMEOUT=3
mkdir -p "$T/src/stuck" "$T/mnt/stuck"
echo data >"$T/src/stuck/file"
IDLE_EXIT=2 write_config '[[mount]]' 'name = "stuck"' 'type = "command"' \
  "mountpoint = \"$T/mnt/stuck\"" "command = [\"bindfs\", \"$T/src/stuck\", \"{mountpoint}\"]" \
  "source = \"$T/src/stuck\"" "probe_timeout_sec = $PROBE_TIMEOUT"
start_holder
mctl mount stuck --wait >/dev/null || fail "mount stuck --wait"
broker=$(sed -n 's/^launch \([0-9]*\)$/\1/p' "$T/events.log" | tail -n1)
[ -n "$broker" ] || fail "no broker launch in the events"

children_of() { ps -o pid= --ppid "$1" | tr -d ' '; }
cmdline_of() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null; }
# The fork server: the broker's child whose command line is the broker's own.
fork_server() {
  local p
  for p in $(children_of "$broker"); do
    [ "$(cmdline_of "$p")" = "$(cmdline_of "$broker")" ] && echo "$p"
  done
  return 0
}
server=$(fork_server)
[ -n "$server" ] || fail "the broker has no fork server child"
fds=$(ls "/proc/$server/fd" | sort -n | tr '\n' ' ')
channel=${fds#0 1 2 }
channel=${channel% }
[[ "$channel" =~ ^[0-9]+$ ]] || fail "the fork server holds more than 0-2 and one channel: $fds"
for fd in 0 1 2; do assert_eq "$(readlink "/proc/$server/fd/$fd")" /dev/null "the fork server's fd $fd"; done
assert_contains "$(readlink "/proc/$server/fd/$channel")" "socket:" "the fork server's channel"
assert_eq "$(readlink "/proc/$server/cwd")" / "the fork server's working directory"
assert_eq "$(cat "/proc/$server/comm")" mb-fork-server "the fork server's name"
assert_eq "$(broker_pids)" "$broker" "the brokers of this test (pgrep -x mount-broker)"
ok "the fork server ($server) holds only /dev/null on 0-2 and its channel"

daemon=$(daemon_for "$T/mnt/stuck")
[ -n "$daemon" ] || fail "no bindfs daemon for stuck"
kill -STOP "$daemon"  # the cleanup trap continues and ends it
start=$SECONDS
start_bg mctl --json probe stuck >"$T/probe.out" 2>&1
probe_client=$BG_PID
probe_child() { pgrep -f -- "--internal probe $T/mnt/stuck" || true; }
probe_child_running() { [ -n "$(probe_child)" ]; }
no_probe_child() { [ -z "$(probe_child)" ]; }
wait_until 10 probe_child_running || fail "no probe child of the stuck share appeared"
child=$(probe_child)
[ "$(wc -w <<<"$child")" = 1 ] || fail "more than one probe child: $child"
assert_eq "$(ps -o ppid= -p "$child" | tr -d ' ')" "$broker" "the probe child's parent"
assert_eq "$(ps -o pgid= -p "$child" | tr -d ' ')" "$child" "the probe child's process group"
assert_eq "$(ls "/proc/$child/fd" | sort -n | tr '\n' ' ')" "0 1 2 " "descriptors of the probe child"
assert_eq "$(readlink "/proc/$child/fd/0")" /dev/null "the probe child's stdin"
assert_contains "$(readlink "/proc/$child/fd/1")" "pipe:" "the probe child's stdout"
assert_eq "$(cat "/proc/$child/comm")" mount-broker "the probe child's name"
ok "the probe child ($child) is the broker's, leads its own group, holds only 0-2 (a pipe each for output)"

rc=0
wait "$probe_client" || rc=$?
forget_bg "$probe_client"
took=$((SECONDS - start))
assert_contains "$(cat "$T/probe.out")" "timed out after $PROBE_TIMEOUT s" "the probe's result"
[ "$took" -le $((PROBE_TIMEOUT + 4)) ] || fail "the probe took $took s (deadline $PROBE_TIMEOUT s)"
ok "the hung probe was ended at its deadline (client exit $rc, $took s)"

# A child killed inside a FUSE request the daemon had taken stays in state D (abandoned)
# until the daemon answers: continued, it lets the child go.
kill -CONT "$daemon"
wait_until 5 no_probe_child || fail "the probe child outlived its share's hang: $(probe_child)"
server_gone() { [ ! -d "/proc/$server" ] || dead "$server"; }
wait_until 20 no_broker_running || fail "the broker did not exit idle: $(broker_pids)"
wait_until 5 server_gone || fail "the fork server $server outlived the broker"
ok "the broker exited idle and its fork server with it"
