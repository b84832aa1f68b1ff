#!/usr/bin/env bash
# No file is hidden by a mount (issue 12 item 6). bindfs runs with -o nonempty (like many fuse3
# helpers, it would mount over files). The mount point of a share belongs to a user (nobody)
# and is writable by them, as mount points in a root-owned /srv or /home often are:
#  1. while a recovery waits for its backoff slot (the share's source is gone, so the
#     remount fails), the user's write into the mount point is refused (EACCES): the broker
#     made the directory root's and read-only before mounting, and the change is logged;
#  2. a file that root put there anyway is not hidden by the remount: the mount is refused,
#     last_error names the file, nothing is mounted; once the file is moved away, the mount
#     succeeds;
#  3. a share adopted from a mount made by hand over a world-writable directory (as an older
#     broker left it): after its recovery's unmount the directory is made read-only too.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"
chmod 0755 "$T" # nobody must reach the mount points

mkdir -p "$T/src" "$T/mnt/w" "$T/mnt/a"
echo "share data" >"$T/src/file"
chown nobody "$T/mnt/w"
chmod 0777 "$T/mnt/a"
share() {
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"bindfs\", \"-o\", \"nonempty\", \"$T/src\", \"{mountpoint}\"]" \
    "source = \"$T/src\"" \
    'auto_mount = false' 'recover_backoff_sec = [300]'
}
write_config "$(share w)" "$(share a)"
start_holder

as_nobody_write() { runuser -u nobody -- sh -c "echo user-data >'$1'" 2>/dev/null; }
waiting_recovery() { # NAME: recovering, nothing mounted, a retry scheduled
  local j state
  j=$(mstatus --json) || return 1
  state=$(field "$j" "$1" state)
  # A probe slowed down by a loaded machine may be ambiguous (degraded): probe again.
  case $state in mounted | degraded) mctl probe "$1" >/dev/null 2>&1 || true ;; esac
  [ "$state" = recovering ] && [ "$(field "$j" "$1" error_class)" != "" ] &&
    not_mounted_at "$T/mnt/$1"
}
# lose_share NAME: kill its daemon with the source gone, probe: the recovery's remount fails.
lose_share() {
  local d
  d=$(daemon_for "$T/mnt/$1")
  [ -n "$d" ] || fail "no daemon for $1"
  mv "$T/src" "$T/src.away"
  kill -KILL "$d"
  wait_until 5 dead "$d" || fail "bindfs $d survived SIGKILL"
  mctl probe "$1" >/dev/null 2>&1 || true
  wait_until 20 waiting_recovery "$1" || fail "$1 did not reach a waiting recovery: $(mstatus)"
}

# ======== 1. a write during the recovery's wait is refused
mctl mount w --wait >/dev/null || fail "mount w"
grep -q "w: $T/mnt/w: owner $(id -u nobody):0 -> root" "$T/broker.log" ||
  grep -q "w: $T/mnt/w: owner $(id -u nobody):" "$T/broker.log" || fail "the owner change was not logged"
lose_share w
ok "w: the share is lost and its recovery waits for the next slot"
! as_nobody_write "$T/mnt/w/during-recovery" || fail "nobody wrote into the mount point of an absent share"
[ ! -e "$T/mnt/w/during-recovery" ] || fail "the file exists"
assert_eq "$(stat -c '%u %a' "$T/mnt/w")" "0 555" "owner and mode of the mount point"
ok "w: a user's write into the mount point is refused while the share is away"

# ======== 2. a stray file is reported, not hidden
echo "root-data" >"$T/mnt/w/stray"
mv "$T/src.away" "$T/src"
rc=0
out=$(mctl mount w --wait 2>&1) || rc=$?
[ $rc -ne 0 ] || fail "the share was mounted on top of a file"
not_mounted_at "$T/mnt/w" || fail "mounted over $T/mnt/w/stray"
assert_eq "$(cat "$T/mnt/w/stray")" "root-data" "the stray file"
err=$(status_of w last_error)
assert_contains "$err" "mount point $T/mnt/w is not empty ($T/mnt/w/stray)" "last_error names the file"
assert_contains "$err" "move them away" "last_error says what to do"
assert_eq "$(status_of w error_class)" busy "error class (retried by sweeps)"
ok "w: a file in the mount point is reported with its path, and the mount is refused"
mv "$T/mnt/w/stray" "$T/stray.kept"
mctl mount w --wait >/dev/null || fail "mount w once the directory is empty"
assert_eq "$(timeout 3 cat "$T/mnt/w/file")" "share data" "the share after the file moved away"
ok "w: once the directory is empty the mount succeeds"

# ======== 3. a share adopted over a world-writable directory
# Once through the broker, so that it knows the file-system type its helper makes; then the
# directory is made world-writable again and mounted by hand, as an older broker left it.
mctl mount a --wait >/dev/null || fail "mount a"
mctl unmount a >/dev/null || fail "unmount a"
chown nobody "$T/mnt/a"
chmod 0777 "$T/mnt/a"
bindfs "$T/src" "$T/mnt/a" || fail "bindfs by hand"
mctl mount a --wait >/dev/null || fail "mount a (adopting the mount made by hand)"
assert_eq "$(status_of a state)" mounted "a adopted"
lose_share a
! as_nobody_write "$T/mnt/a/during-recovery" || fail "nobody wrote into the adopted share's mount point"
assert_eq "$(stat -c '%u %a' "$T/mnt/a")" "0 555" "owner and mode after the recovery's unmount"
ok "a: after the recovery's unmount the mount point takes no user writes"
mv "$T/src.away" "$T/src"
