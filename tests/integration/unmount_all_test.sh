#!/usr/bin/env bash
# `mountctl unmount --all` for maintenance, with three real bindfs shares under the socket
# holder: one held busy by a process whose working directory is inside it. Without --force the
# busy share is refused (exit 8) and stays mounted and wanted, the others are unmounted and
# stay so across a sweep; with --force the busy one goes too, and status then exits 0.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

share() {
  mkdir -p "$T/src/$1" "$T/mnt/$1"
  echo "data of $1" >"$T/src/$1/file"
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"bindfs\", \"$T/src/$1\", \"{mountpoint}\"]" "source = \"$T/src/$1\""
}
write_config "$(share one)" "$(share two)" "$(share busy)"
start_holder
mctl sweep >/dev/null || fail "the first sweep did not mount all three"
for n in one two busy; do mounted_at "$T/mnt/$n" || fail "$n is not mounted"; done

# A process that keeps the share busy: its working directory is inside it.
start_bg bash -c "cd '$T/mnt/busy' && exec sleep 120"
holder=$BG_PID
inside_busy() { [ "$(readlink "/proc/$holder/cwd")" = "$T/mnt/busy" ]; }
wait_until 5 inside_busy || fail "the holder is not inside busy"

rc=0
out=$(mctl unmount --all 2>"$T/err") || rc=$?
assert_eq "$rc" 8 "unmount --all with a busy share"
assert_contains "$out" "one: unmounted" "one"
assert_contains "$out" "two: unmounted" "two"
assert_contains "$(cat "$T/err")" "busy" "the refusal names the busy share"
assert_contains "$(cat "$T/err")" "unmount --force" "and what to do"
not_mounted_at "$T/mnt/one" && not_mounted_at "$T/mnt/two" || fail "one or two is still mounted"
mounted_at "$T/mnt/busy" || fail "the busy share was unmounted without --force"
assert_eq "$(timeout 3 cat "$T/mnt/busy/file")" "data of busy" "the busy share still serves"
assert_eq "$(status_of one desired) $(status_of two desired) $(status_of busy desired)" \
  "unmounted unmounted mounted" "desired states after a refused unmount --all"
ok "unmount --all: idle shares unmounted, the busy one refused (exit 8) and still mounted and wanted"

mctl sweep >/dev/null || true
not_mounted_at "$T/mnt/one" && not_mounted_at "$T/mnt/two" || fail "a sweep remounted what unmount --all took down"
ok "a sweep does not remount what unmount --all took down"

out=$(mctl unmount --all --force) || fail "unmount --all --force exited $?: $out"
assert_eq "$out" "busy: unmounted" "only what was left is unmounted again"
not_mounted_at "$T/mnt/busy" || fail "busy is still mounted after --force"
mstatus >/dev/null
mctl status >/dev/null || fail "status exits $? after everything was taken down on purpose"
ok "unmount --all --force takes the busy share down too; status then exits 0"
stop_bg "$holder"
