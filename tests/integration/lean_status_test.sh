#!/usr/bin/env bash
# What answering `status` costs the broker besides the answer: the start and two status
# requests leave it with one thread (the state writer's thread starts with the first write of
# state.json, which a status that changes nothing never makes) and no child (the fork server
# is forked on first need; it is then forked before a mount reads a password and before the
# state writer's thread starts, as a mount with a credential file shows), ask the user database nothing
# (admin_group is looked up only when it decides: a change asked for by someone other than
# root), and record the broker's pid in state.lock without truncating it (a journal
# transaction on ext4, milliseconds on a busy disk). Counted with strace and /proc/PID/task,
# not timed.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v strace >/dev/null || fail "strace is not installed"
mb_setup

mkdir -p "$T/mnt/m1" "$T/mnt/c1"
install -d -m 0700 "$T/creds"
(umask 077 && echo "not-a-real-password" >"$T/creds/c1")
IDLE_EXIT=30 write_config "credentials_dir = \"$T/creds\"" '[[mount]]' 'name = "m1"' \
  'type = "command"' "mountpoint = \"$T/mnt/m1\"" 'command = ["true", "{mountpoint}"]' \
  'auto_mount = false' '[[mount]]' 'name = "c1"' 'type = "command"' \
  "mountpoint = \"$T/mnt/c1\"" 'command = ["true", "{mountpoint}"]' 'credential = "file"' \
  'auto_mount = false'
opens() { grep -c "openat(.*\"$1\"" "$T/trace" || true; }
# Line numbers in the trace: the fork server's fork (glibc's fork(): a clone with SIGCHLD and
# neither CLONE_VM, as posix_spawn's, nor CLONE_PARENT, as the server's children), the first
# thread, the first open of c1's credential file.
first_line() { grep -n -- "$1" "$T/trace" | grep -v -e "${2:-^$}" | head -n1 | cut -d: -f1; }
server_fork() { first_line 'clone(.*SIGCHLD' 'CLONE_VM\|CLONE_PARENT'; }
start_bg strace -f -qq -e trace=openat,ftruncate,clone,clone3 -o "$T/trace" \
  "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$SOCK" 2>>"$T/broker.log"
wait_until 10 socket_exists || fail "the broker did not listen"

mstatus >/dev/null || fail "status failed"
mstatus >/dev/null || fail "second status failed"
broker_pid=$(version_pid "$(mctl version)")
[ -n "$broker_pid" ] || fail "no broker pid in mountctl version"
assert_eq "$(ls "/proc/$broker_pid/task" | wc -l)" 1 "the broker's threads after two status requests"
ok "a broker that has answered status requests and written nothing has one thread"
assert_eq "$(ps -o pid= --ppid "$broker_pid" | wc -l)" 0 "the broker's children after two status requests"
assert_eq "$(server_fork)" "" "forks by a start and two status requests (the fork server's)"
ok "a broker that has only answered status requests has forked no fork server"

mctl reload >/dev/null || fail "reload by root failed"
assert_eq "$(opens /etc/group)" 0 "opens of /etc/group by a start, two status, a version and a reload by root"
assert_eq "$(opens /etc/nsswitch.conf)" 0 "opens of /etc/nsswitch.conf by the same"
ok "read-only requests and root's requests never ask the user database for admin_group"
assert_eq "$(grep -c 'ftruncate(' "$T/trace" || true)" 0 "truncations by the start (state.lock)"
grep -qx "$broker_pid" "$STATE/state.lock" || fail "state.lock does not hold the broker's pid alone"
ok "the broker's pid is in state.lock, written without a truncation"

mctl mount c1 --wait >/dev/null 2>&1 || true  # `true` mounts nothing: only the order matters
fork_at=$(server_fork)
cred_at=$(first_line "openat(.*$T/creds/c1")
thread_at=$(first_line 'CLONE_THREAD')
[ -n "$fork_at" ] || fail "the mount of c1 started no fork server"
[ -n "$cred_at" ] || fail "the mount of c1 did not read its credential file"
[ "$fork_at" -lt "$cred_at" ] || fail "the fork server was forked after the password was read"
[ -z "$thread_at" ] || [ "$fork_at" -lt "$thread_at" ] ||
  fail "the fork server was forked after the state writer's thread started"
ok "a mount forks the fork server before it reads a password and before a second thread"
