#!/usr/bin/env bash
# One mount per mount point, across broker kills (issue 12 item 7):
#  1. the broker is SIGKILLed while a slow helper (sleep, then bindfs -o nonempty, which like
#     many fuse3 helpers mounts on a non-empty directory) is still mounting; the next
#     activation is asked to mount again: it waits for that helper and adopts its mount
#     instead of stacking a second one. Exactly one mount at the path, one daemon; unmount
#     leaves none. The same with bindfs's default flags (it refuses a non-empty mount point):
#     `mount --wait` succeeds instead of failing with "mountpoint is not empty".
#  2. two mounts of ours stacked at one path (as an older broker could leave them): unmount
#     removes both and exits 0.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

mkdir -p "$T/bin" "$T/src" "$T/mnt/slow" "$T/mnt/plain"
echo "share data" >"$T/src/file"
cat >"$T/bin/slow-bindfs" <<'SH'
#!/bin/sh
sleep "$1"; shift; exec bindfs "$@"
SH
chmod 0755 "$T/bin/slow-bindfs"
slow_mount() { # NAME [bindfs option...]
  local n=$1
  shift
  local extra=""
  for o in "$@"; do extra+="\"$o\", "; done
  printf '%s\n' '[[mount]]' "name = \"$n\"" 'type = "command"' "mountpoint = \"$T/mnt/$n\"" \
    "command = [\"$T/bin/slow-bindfs\", \"3\", $extra\"$T/src\", \"{mountpoint}\"]" \
    "source = \"$T/src\"" 'auto_mount = false' 'mount_timeout_sec = 20'
}
write_config "$(slow_mount slow -o nonempty)" "$(slow_mount plain)"
start_holder

mounts_at() { awk -v m="$1" '$5 == m {n++} END {print n + 0}' /proc/self/mountinfo; }
# The script itself (past the broker's gate, whose argv names it too).
helper_running() { pgrep -f -- "^/bin/sh $T/bin/slow-bindfs 3 .*$T/src $T/mnt/$1\$" >/dev/null; }
no_helper_running() { ! helper_running "$1"; }
kill_brokers() {
  for p in $(broker_pids); do kill -KILL "$p"; done
  wait_until 5 no_broker_running || fail "the broker survived SIGKILL"
}

# ======== 1. SIGKILL of the broker while its helper mounts
for n in slow plain; do
  MP=$T/mnt/$n
  mctl mount "$n" >/dev/null || fail "mount $n (no wait)"
  wait_until 10 helper_running "$n" || fail "the slow helper of $n did not start"
  kill_brokers
  ok "$n: the broker was killed while its helper was mounting"

  out=$(mctl mount "$n" --wait 2>&1) || fail "$n: mount --wait after the kill: $out"
  wait_until 10 no_helper_running "$n" || fail "a slow helper of $n is still running"
  assert_eq "$(mounts_at "$MP")" 1 "mounts at $MP"
  assert_eq "$(fuse_daemons | wc -l)" 1 "bindfs daemons"
  assert_eq "$(timeout 3 cat "$MP/file")" "share data" "the share's data"
  grep -q "$n: the mount helper of an earlier broker (pid [0-9]*) still runs; waiting for it" \
    "$T/broker.log" || fail "the new broker did not wait for the earlier helper"
  ok "$n: the next activation waited for the earlier helper: one mount, one daemon"

  mctl unmount "$n" >/dev/null || fail "unmount $n"
  assert_eq "$(mounts_at "$MP")" 0 "mounts at $MP after unmount"
  wait_until 5 no_fuse_daemons || fail "bindfs still running after unmount: $(fuse_daemons)"
  ok "$n: unmount leaves nothing at $MP"
done

# ======== 2. two mounts of ours stacked at one path: unmount removes both
MP=$T/mnt/slow
kill_brokers
bindfs "$T/src" "$MP" && bindfs -o nonempty "$T/src" "$MP" || fail "stacking two bindfs mounts"
assert_eq "$(mounts_at "$MP")" 2 "stacked mounts made by the test"
mctl unmount slow >/dev/null || fail "unmount of two stacked mounts failed"
assert_eq "$(mounts_at "$MP")" 0 "mounts at $MP after unmount"
grep -q "slow: another mount of ours was stacked at $MP; unmounting it too" "$T/broker.log" ||
  fail "the second unmount round was not logged"
assert_eq "$(status_of slow state)" unmounted "state after unmount"
ok "unmount removes every mount of ours stacked at the path"
