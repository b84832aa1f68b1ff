#!/usr/bin/env bash
# The command line as a person types it (issue 13 item 6), against a real broker under the
# socket holder and a real bindfs share: global options after the command, --json honouring
# list filters, did-you-mean, the umount alias, --version, JSON errors without a broker,
# short per-command help, and progress with elapsed time on a real pty (never in a pipe).
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

mkdir -p "$T/src/a" "$T/mnt/a" "$T/mnt/b" "$T/bin"
# A helper that takes 2.5 s before it mounts, so that --wait has time to show progress.
cat >"$T/bin/slow-bindfs" <<SH
#!/bin/sh
sleep 2.5
exec bindfs "\$@"
SH
chmod +x "$T/bin/slow-bindfs"
share() {  # NAME PROGRAM AUTO
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"$2\", \"$T/src/a\", \"{mountpoint}\"]" "source = \"$T/src/a\"" "auto_mount = $3"
}
write_config "$(share a bindfs true)" "$(share b "$T/bin/slow-bindfs" false)"
start_holder
mctl sweep >/dev/null || fail "sweep"

# ---- global options in any position
j1=$(mctl --json status) && j2=$(mctl status --json) || fail "status --json exited $?"
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); assert a["mounts"]==b["mounts"]' "$j1" "$j2" ||
  fail "--json before and after the command differ: [$j1] [$j2]"
out=$(timeout 30 "$MOUNTCTL" list --socket "$SOCK") || fail "list --socket after the command"
assert_eq "$out" "a
b" "list with --socket after the command"
ok "global options work after the command (status --json, list --socket S)"

# ---- --json honours the filter of list and mlist
json=$(mctl list mounted --json) || fail "list mounted --json"
assert_eq "$(python3 -c 'import json,sys; print(" ".join(m["name"] for m in json.loads(sys.argv[1])["mounts"]))' "$json")" a \
  "mounts in list mounted --json"
json=$(mctl --json mlist) || fail "mlist --json"
assert_eq "$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["mounts"]))' "$json")" 2 "mlist --json without a filter"
ok "list mounted --json has only the mounted share; without a filter, both"

# ---- did you mean, umount, --version, short per-command help
rc=0; err=$(mctl stauts 2>&1) || rc=$?
assert_eq "$rc" 2 "exit status of an unknown command"
assert_contains "$err" 'unknown command "stauts" (did you mean status?)' "did-you-mean"
rc=0; err=$(mctl --json frobnicate 2>&1) || rc=$?
assert_eq "$rc" 2 "exit status of an unknown command"
assert_contains "$err" 'unknown command "frobnicate";' "no suggestion when nothing is close"
out=$("$MOUNTCTL" --version) || fail "--version"
grep -Eq '^mountctl [0-9]+\.[0-9]+\.[0-9]+$' <<<"$out" || fail "--version printed [$out]"
help=$("$MOUNTCTL" mount --help) || fail "mount --help"
! grep -q "Exit status" <<<"$help" || fail "mount --help repeats the exit table: $help"
grep -q "Exit status" <<<"$("$MOUNTCTL" --help)" || fail "mountctl --help lost the exit table"
ok "unknown command: did you mean (exit 2); --version; per-command --help without the exit table"

# ---- progress on a terminal: mount --wait of the slow share
out=$(on_pty 120 30 "$MOUNTCTL" --socket "$SOCK" mount b --wait) || fail "mount b --wait on a pty: $out"
grep -Eq 'mounting b: [12]\.[0-9] s' <<<"$out" || fail "no running time while mounting: $(cat -A <<<"$out")"
grep -Eq 'b: mounted \[[0-9]\.[0-9] s\]' <<<"$out" || fail "no state line with elapsed time: $(cat -A <<<"$out")"
assert_contains "$out" "b: mounted at $T/mnt/b" "final line"
mounted_at "$T/mnt/b" || fail "b is not mounted"
umount_out=$(mctl umount b 2>&1) || fail "umount b: $umount_out"
assert_eq "$umount_out" "b: unmounted" "umount alias"
piped=$(mctl mount b --wait 2>&1) || fail "mount b --wait piped: $piped"
assert_eq "$piped" "b: mounted at $T/mnt/b" "a pipe gets only the result"
ok "mount --wait on a pty shows the state and a running time; in a pipe only the result; umount is unmount"

# ---- the connect retry: a socket file nobody listens on (a broker between launches); a
# missing file fails at once instead (broker_hold_test)
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/nobody.sock"
rc=0
out=$(on_pty 120 30 "$MOUNTCTL" --socket "$T/nobody.sock" --connect-timeout 2.5 status) || rc=$?
assert_eq "$rc" 3 "exit status without a broker"
grep -Eq "waiting for the broker at $T/nobody.sock: [12]\.[0-9] s" <<<"$out" ||
  fail "no waiting line on the pty: $(cat -A <<<"$out")"
assert_contains "$out" "cannot reach the broker at $T/nobody.sock" "the error after the wait"
rc=0
json=$(timeout 30 "$MOUNTCTL" --socket "$T/nobody.sock" --connect-timeout 0.3 status --json 2>"$T/err") || rc=$?
assert_eq "$rc" 3 "exit status without a broker, --json"
python3 - "$json" <<'PY' || fail "no JSON error without a broker: [$json]"
import json, sys
d = json.loads(sys.argv[1])
assert d["v"] == 1 and d["ok"] is False and d["error"]["code"] == "unreachable", d
assert "cannot reach the broker" in d["error"]["message"], d
PY
! grep -q "waiting for the broker" "$T/err" || fail "progress printed when stderr is not a terminal"
ok "connect retry: a running time on a pty, none in a pipe; --json gets an 'unreachable' error reply (exit 3)"
