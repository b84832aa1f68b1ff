#!/usr/bin/env bash
# status and version never wait for a hung file system (issue 14 item 2): a managed mount
# point lies below a FUSE mount whose daemon is stopped. The broker used to realpath() that
# mount point's parent on every reconcile, so one `status` from any user hung the broker's
# only thread in the kernel, and a restarted broker hung again at its first reconcile.
# Asserts: status (as nobody) and version answer within 1 s, before and after a restart,
# and a mount below the hung file system is refused at once by the mount table alone.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"
chmod 0755 "$T" # let nobody reach the socket

now_ms() { date +%s%3N; }
# answers_within MS CMD...: runs CMD (bounded by 10 s) and fails if it took longer than MS
# or exited other than 0 (or $ALSO_OK: status exits 1 while a wanted mount is unhealthy);
# sets OUT (its output) and MS (how long it took).
answers_within() {
  local limit=$1 start end rc=0
  shift
  start=$(now_ms)
  OUT=$(timeout 10 "$@" 2>&1) || rc=$?
  end=$(now_ms)
  [ $rc -eq 0 ] || [ $rc -eq "${ALSO_OK:-0}" ] || fail "$* failed (exit $rc) after $((end - start)) ms: $OUT"
  MS=$((end - start))
  [ "$MS" -le "$limit" ] || fail "$* took $MS ms (limit $limit ms)"
}

# A FUSE file system the test makes (not managed), with a managed mount point below it.
mkdir -p "$T/hsrc/d/sub" "$T/hung" "$T/src/local" "$T/mnt/local"
bindfs "$T/hsrc" "$T/hung" || fail "bindfs $T/hung"
HUNG_DAEMON=$(daemon_for "$T/hung")
[ -n "$HUNG_DAEMON" ] || fail "no daemon for $T/hung"
write_config \
  '[[mount]]' 'name = "inner"' 'type = "command"' "mountpoint = \"$T/hung/d/sub\"" \
  "command = [\"bindfs\", \"$T/src/local\", \"{mountpoint}\"]" "source = \"$T/src/local\"" \
  'auto_mount = false' \
  '[[mount]]' 'name = "local"' 'type = "command"' "mountpoint = \"$T/mnt/local\"" \
  "command = [\"bindfs\", \"$T/src/local\", \"{mountpoint}\"]" "source = \"$T/src/local\"" \
  'auto_mount = false'
start_holder
mctl mount local --wait >/dev/null || fail "mount local"
ok "a local share is mounted; $T/hung is a FUSE mount of the test"

kill -STOP "$HUNG_DAEMON"
# Proof that the hang is real: a lookup below the stopped daemon (a fresh name: never cached)
# does not come back; SIGKILL, because a FUSE request already sent ignores SIGTERM.
rc=0
timeout -s KILL 2 stat "$T/hung/d/fresh-$$" >/dev/null 2>&1 || rc=$?
assert_eq "$rc" 137 "stat below the stopped daemon"
ok "stat below $T/hung hangs (its daemon is stopped)"

ALSO_OK=1 answers_within 1000 runuser -u nobody -- "$MOUNTCTL" --socket "$SOCK" --json status
assert_eq "$(field "$OUT" inner state)" unmounted "inner in status"
ok "status as nobody answered in $MS ms"
answers_within 1000 "$MOUNTCTL" --socket "$SOCK" version
ok "version as root answered in $MS ms"

# A mount below the hung file system is refused by the mount table, without a look at it.
start=$(now_ms)
rc=0
timeout 10 "$MOUNTCTL" --socket "$SOCK" mount inner --wait >/dev/null 2>&1 || rc=$?
ms=$(($(now_ms) - start))
[ $rc -ne 0 ] || fail "mount of inner below a hung FUSE mount succeeded"
[ "$ms" -le 3000 ] || fail "the refused mount took $ms ms"
assert_contains "$(status_of inner last_error)" "lies below $T/hung, a fuse" "the refusal says why"
ok "mount of inner is refused at once ($ms ms): its mount point lies below a FUSE mount"

# A restarted broker reconciles again at start: it must not hang either.
for p in $(broker_pids); do kill -TERM "$p"; done
wait_until 10 no_broker_running || fail "the broker did not exit on SIGTERM"
ALSO_OK=1 answers_within 1000 "$MOUNTCTL" --socket "$SOCK" --json status
assert_eq "$(field "$OUT" local state)" mounted "local after the restart"
ms=$MS
answers_within 1000 runuser -u nobody -- "$MOUNTCTL" --socket "$SOCK" version
ok "a restarted broker answers status in $ms ms and version (as nobody) in $MS ms"

kill -CONT "$HUNG_DAEMON"
mctl unmount local >/dev/null || fail "unmount local"
umount "$T/hung" || fail "umount $T/hung"
ok "cleaned up"
