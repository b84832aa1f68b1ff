#!/usr/bin/env bash
# What answering `status` costs the broker besides the answer: the start and two status
# requests leave it with one thread (the state writer's thread starts with the first write of
# state.json, which a status that changes nothing never makes), ask the user database nothing
# (admin_group is looked up only when it decides: a change asked for by someone other than
# root), and record the broker's pid in state.lock without truncating it (a journal
# transaction on ext4, milliseconds on a busy disk). Counted with strace and /proc/PID/task,
# not timed.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v strace >/dev/null || fail "strace is not installed"
mb_setup

mkdir -p "$T/mnt/m1"
IDLE_EXIT=30 write_config '[[mount]]' 'name = "m1"' 'type = "command"' \
  "mountpoint = \"$T/mnt/m1\"" 'command = ["true", "{mountpoint}"]' 'auto_mount = false'
opens() { grep -c "openat(.*\"$1\"" "$T/trace" || true; }
start_bg strace -f -qq -e trace=openat,ftruncate -o "$T/trace" \
  "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$SOCK" 2>>"$T/broker.log"
wait_until 10 socket_exists || fail "the broker did not listen"

mstatus >/dev/null || fail "status failed"
mstatus >/dev/null || fail "second status failed"
broker_pid=$(version_pid "$(mctl version)")
[ -n "$broker_pid" ] || fail "no broker pid in mountctl version"
assert_eq "$(ls "/proc/$broker_pid/task" | wc -l)" 1 "the broker's threads after two status requests"
ok "a broker that has answered status requests and written nothing has one thread"

mctl reload >/dev/null || fail "reload by root failed"
assert_eq "$(opens /etc/group)" 0 "opens of /etc/group by a start, two status, a version and a reload by root"
assert_eq "$(opens /etc/nsswitch.conf)" 0 "opens of /etc/nsswitch.conf by the same"
ok "read-only requests and root's requests never ask the user database for admin_group"
assert_eq "$(grep -c 'ftruncate(' "$T/trace" || true)" 0 "truncations by the start (state.lock)"
grep -qx "$broker_pid" "$STATE/state.lock" || fail "state.lock does not hold the broker's pid alone"
ok "the broker's pid is in state.lock, written without a truncation"
