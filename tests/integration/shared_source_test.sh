#!/usr/bin/env bash
# Two mounts of one share (the same source at two mount points), mounted at the same time: each
# mount's check of where its helper mounted must not take the other's fresh mount for its own
# helper led astray, and undo it as a "security" error. Both end mounted, each once.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

mkdir -p "$T/bin" "$T/src" "$T/mnt/one" "$T/mnt/two"
echo "share data" >"$T/src/file"
# Helpers that take a moment, so both mounts' helpers run at once.
cat >"$T/bin/slow-bindfs" <<'SH'
#!/bin/sh
sleep "$1"; shift; exec bindfs "$@"
SH
chmod 0755 "$T/bin/slow-bindfs"
same_source() { # NAME DELAY
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"$T/bin/slow-bindfs\", \"$2\", \"$T/src\", \"{mountpoint}\"]" \
    "source = \"$T/src\"" 'auto_mount = false' 'mount_timeout_sec = 20'
}
# "two" finishes first, while "one"'s helper still runs: "one" then sees a new mount of its
# source at another path.
write_config "$(same_source one 2)" "$(same_source two 1)"
start_holder

mctl mount one >/dev/null || fail "mount one"
mctl mount two >/dev/null || fail "mount two"
out1=$(mctl mount one --wait 2>&1) || fail "mount one --wait: $out1"
out2=$(mctl mount two --wait 2>&1) || fail "mount two --wait: $out2"
for n in one two; do
  assert_eq "$(awk -v m="$T/mnt/$n" '$5 == m {c++} END {print c + 0}' /proc/self/mountinfo)" 1 \
    "mounts at $T/mnt/$n"
  assert_eq "$(timeout 3 cat "$T/mnt/$n/file")" "share data" "data through $n"
  assert_eq "$(status_of "$n" state)" mounted "state of $n"
done
grep -q 'security:' "$T/broker.log" && fail "a mount of the shared source was undone: $(grep 'security:' "$T/broker.log")"
ok "two mounts of one source, mounted at once: both mounted, each once, nothing undone"

for n in one two; do mctl unmount "$n" >/dev/null || fail "unmount $n"; done
wait_until 10 not_mounted_at "$T/mnt/one" || fail "one still mounted"
wait_until 10 not_mounted_at "$T/mnt/two" || fail "two still mounted"
ok "both unmounted"
