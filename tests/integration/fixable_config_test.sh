#!/usr/bin/env bash
# A fix on disk is picked up by the next sweep. A bindfs share whose mount point is missing
# fails with a config error that says what to do (mkdir -p) and that the next sweep retries;
# sweeps before the fix leave it failed (no timer, no mount); after the mkdir the next
# `mountctl sweep` mounts it, without anyone running `mountctl mount`.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup

. "$(dirname "$0")/fuse_lib.sh"

MNT=$T/mnt/share
mkdir -p "$T/src/share" "$T/mnt"
echo data >"$T/src/share/file"
write_config '[[mount]]' 'name = "share"' 'type = "command"' "mountpoint = \"$MNT\"" \
  "command = [\"bindfs\", \"$T/src/share\", \"{mountpoint}\"]" "source = \"$T/src/share\"" \
  'auto_mount = true'
start_holder

set +e
sweep=$(mctl --json sweep)
set -e
assert_eq "$(sweep_item "$sweep" share state)" failed "state after the first sweep"
json=$(mstatus --json)
assert_eq "$(field "$json" share error_class)" config "class"
assert_eq "$(field "$json" share next_attempt_at)" 0 "no timer"
msg=$(field "$json" share last_error)
assert_contains "$msg" "mkdir -p $MNT" "the message says what to do"
assert_contains "$msg" "the next sweep retries" "the message says a sweep picks the fix up"
ok "missing mount point: failed, config, no timer; status says mkdir -p and that the next sweep retries"

set +e
mctl sweep >/dev/null
set -e
assert_eq "$(status_of share state)" failed "state after another sweep without the fix"
not_mounted_at "$MNT" || fail "mounted without a mount point?"
ok "a sweep before the fix leaves it failed"

mkdir "$MNT"
sweep=$(mctl --json sweep) || fail "the sweep after the mkdir is not healthy: $sweep"
assert_eq "$(sweep_item "$sweep" share state)" mounted "state after the sweep that follows the mkdir"
mounted_at "$MNT" || fail "not in the mount table after the sweep"
assert_eq "$(timeout 3 cat "$MNT/file")" data "a file read through the mount"
assert_eq "$(status_of share last_error)" "" "the stale error is gone"
ok "after mkdir the next sweep mounts the share; the stale error is gone"
