#!/usr/bin/env bash
# A FUSE mount made by nobody (bindfs through the setuid fusermount, on a mount point nobody
# owns) whose fsname= is exactly the configured source is not taken for the broker's: reconcile
# reports a conflict naming the uid, `mountctl mount` refuses to mount on top of it instead of
# reporting it mounted, and nothing of it is recorded as ours.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
command -v fusermount3 >/dev/null || command -v fusermount >/dev/null ||
  { echo "SKIP: fusermount is not installed"; exit 0; }
mb_setup
chmod 0755 "$T"
. "$(dirname "$0")/fuse_lib.sh"

mkdir -p "$T/src/x" "$T/mnt/x"
echo "data" >"$T/src/x/file"
chown nobody "$T/mnt/x"
printf '%s\n' '[[mount]]' 'name = "x"' 'type = "command"' "mountpoint = \"$T/mnt/x\"" \
  "command = [\"bindfs\", \"$T/src/x\", \"{mountpoint}\"]" "source = \"$T/src/x\"" \
  'auto_mount = false' >"$T/mount.toml"
write_config "$(cat "$T/mount.toml")"

# /dev/fuse is 0666 on most systems; where it is not (0600 in some containers), in this
# private mount namespace only, a node of the same device with the usual mode is bound over it.
if [ "$(stat -c %a /dev/fuse)" != 666 ]; then
  mknod -m 0666 "$T/fuse" c "$(stat -c %Hr /dev/fuse)" "$(stat -c %Lr /dev/fuse)" || fail "mknod"
  mount --bind "$T/fuse" /dev/fuse || fail "bind a 0666 /dev/fuse"
fi
# nobody's own FUSE mount of the configured source (bindfs names a mount after its source, as
# fsname= would): its daemon is nobody's, and it serves whatever nobody wants.
setpriv --reuid=nobody --regid=nogroup --clear-groups \
  bindfs --no-allow-other "$T/src/x" "$T/mnt/x" || fail "bindfs as nobody failed"
mounted_at "$T/mnt/x" || fail "nobody's bindfs is not mounted"
line=$(awk -v m="$T/mnt/x" '$5 == m' /proc/self/mountinfo)
assert_contains "$line" " $T/src/x " "the fake mount's source"
assert_contains "$line" "user_id=$(id -u nobody)" "the fake mount's owner"
ok "nobody mounted a FUSE file system at $T/mnt/x named $T/src/x"

start_holder
json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" x finding)" conflict "finding for nobody's mount"
assert_eq "$(field "$json" x state)" unmounted "state with nobody's mount there"
assert_contains "$(field "$json" x last_error)" "made by uid $(id -u nobody)" "the conflict names the uid"
ok "reconcile reports a conflict, not an adoption"

rc=0
out=$(mctl --json mount x --wait 2>&1) || rc=$?
[ "$rc" != 0 ] || fail "mount reported nobody's mount as ours: $out"
json=$(mstatus --json) || fail "status failed"
assert_eq "$(field "$json" x state)" failed "state after mount"
assert_eq "$(field "$json" x error_class)" busy "error class after mount"
assert_contains "$out" "not mounting on top of it" "the mount reply"
[ "$(awk -v m="$T/mnt/x" '$5 == m' /proc/self/mountinfo | wc -l)" = 1 ] ||
  fail "something was mounted on top of nobody's mount"
assert_contains "$(awk -v m="$T/mnt/x" '$5 == m' /proc/self/mountinfo)" "user_id=$(id -u nobody)" \
  "nobody's mount is still the one there"
ok "mount refuses to mount on top of it (busy) and never reports it mounted"
