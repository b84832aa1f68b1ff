#!/usr/bin/env bash
# Mounts land only where the config says (issue 12 item 14):
#  1. a user who owns a parent of a mount point swaps it for a symlink while a slow helper
#     starts: the broker refuses the user-writable parent (a security error in last_error),
#     runs no helper, and nothing is mounted on the symlink's target;
#  2. the same refusal without any swap: a parent a user owns is refused as such;
#  3. a helper that mounts somewhere else than the mount point it was given: the stray mount
#     is undone at once and reported as a security error.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"
chmod 0755 "$T" # nobody must reach the directory it owns below

mkdir -p "$T/bin" "$T/src" "$T/sys/photos" "$T/home/alice/mnt/photos" "$T/mnt/stray" "$T/elsewhere"
echo "share data" >"$T/src/file"
chown nobody "$T/home/alice" "$T/home/alice/mnt"
# slow-bindfs SECONDS SRC MOUNTPOINT: a helper slow enough to swap a parent while it starts.
cat >"$T/bin/slow-bindfs" <<'SH'
#!/bin/sh
echo started >>"$(dirname "$0")/helper-ran"
sleep "$1"; shift; exec bindfs "$@"
SH
# elsewhere SRC MOUNTPOINT: mounts at $T/elsewhere whatever it is told.
printf '#!/bin/sh\nexec bindfs "$1" %s\n' "$T/elsewhere" >"$T/bin/elsewhere"
chmod 0755 "$T/bin/slow-bindfs" "$T/bin/elsewhere"
write_config \
  '[[mount]]' 'name = "photos"' 'type = "command"' "mountpoint = \"$T/home/alice/mnt/photos\"" \
  "command = [\"$T/bin/slow-bindfs\", \"2\", \"$T/src\", \"{mountpoint}\"]" "source = \"$T/src\"" \
  'auto_mount = false' \
  '[[mount]]' 'name = "stray"' 'type = "command"' "mountpoint = \"$T/mnt/stray\"" \
  "command = [\"$T/bin/elsewhere\", \"$T/src\", \"{mountpoint}\"]" "source = \"$T/src\"" \
  'auto_mount = false'
start_holder
mstatus >/dev/null || fail "status"

# ======== 1. a user swaps a parent for a symlink while the mount starts
rc=0
start_bg "$MOUNTCTL" --socket "$SOCK" mount photos --wait
mount_client=$BG_PID
# Swap once the helper runs (the old broker's moment of weakness), or once the mount was
# refused without running it.
helper_or_answer() { [ -e "$T/bin/helper-ran" ] || ! kill -0 "$mount_client" 2>/dev/null; }
wait_until 10 helper_or_answer || fail "the mount neither ran its helper nor answered"
runuser -u nobody -- sh -c "mv '$T/home/alice/mnt' '$T/home/alice/mnt.old' &&
  ln -s '$T/sys' '$T/home/alice/mnt'" || fail "nobody could not swap the parent"
wait "$mount_client" || rc=$?
forget_bg "$mount_client"
[ $rc -ne 0 ] || fail "mount photos succeeded below a user-owned parent"
# Whatever the outcome, give a slow helper the time it would need to land.
sleep 3
not_mounted_at "$T/sys/photos" || fail "the share landed on the symlink's target $T/sys/photos"
not_mounted_at "$T/home/alice/mnt.old/photos" || fail "the share was mounted below a user's directory"
[ ! -e "$T/bin/helper-ran" ] || fail "the helper ran although the path was refused"
err=$(status_of photos last_error)
assert_contains "$err" "security: $T/home/alice is owned by uid $(id -u nobody)" "last_error"
ok "a user-owned parent is refused before the helper runs; nothing landed on $T/sys/photos (exit $rc)"

# ======== 2. the refusal of a user-writable parent, without a swap
rm "$T/home/alice/mnt"
mv "$T/home/alice/mnt.old" "$T/home/alice/mnt"
rc=0
out=$(mctl mount photos --wait 2>&1) || rc=$?
[ $rc -ne 0 ] || fail "mount photos succeeded below a user-owned parent"
assert_contains "$out" "security:" "the reply says it is a security refusal"
assert_contains "$out" "chown root $T/home/alice" "the reply says what to do"
grep -q "photos: security: $T/home/alice is owned by uid" "$T/broker.log" || fail "not logged as an error"
ok "a user-owned parent is refused with a message that says how to fix it"
chown root "$T/home/alice" "$T/home/alice/mnt"
mctl mount photos --wait >/dev/null || fail "mount photos once the parents are root's"
mounted_at "$T/home/alice/mnt/photos" || fail "photos not mounted"
mctl unmount photos >/dev/null || fail "unmount photos"
ok "once the parents are root's, the same mount succeeds"

# ======== 3. a helper that mounts somewhere else is undone at once
rc=0
out=$(mctl mount stray --wait 2>&1) || rc=$?
[ $rc -ne 0 ] || fail "a mount that landed elsewhere was reported ok"
not_mounted_at "$T/elsewhere" || fail "the stray mount at $T/elsewhere was left in place"
assert_contains "$(status_of stray last_error)" \
  "security: the share was mounted at $T/elsewhere instead of $T/mnt/stray; undone" "last_error"
ok "a mount that landed elsewhere is undone and reported as a security error"
wait_until 5 no_fuse_daemons || fail "bindfs still running: $(fuse_daemons)"
ok "no daemon is left"
