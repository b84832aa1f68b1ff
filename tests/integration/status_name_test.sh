#!/usr/bin/env bash
# `mountctl status NAME` with a real broker: a bindfs share mounted, probed and logged to a
# log file; a helper failing with an auth error (never retried) and one failing with a network
# error (retried on the slow schedule). Checks the detail view, the RETRY column, the exit
# status (1 while a wanted mount is unhealthy, 0 once none is), and that the table cuts long
# errors to a terminal's width (a real pty) while a pipe and `status NAME` get them whole.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

mkdir -p "$T/src/share" "$T/mnt/share" "$T/mnt/locked" "$T/mnt/flaky"
echo "data" >"$T/src/share/file"
long_tail=$(printf 'x%.0s' $(seq 150))
failing() {  # NAME MESSAGE: a command helper that fails as mount.cifs does
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"sh\", \"-c\", \"echo '$2' >&2; exit 32\", \"sh\", \"{mountpoint}\"]" "source = \"//nas/$1\""
}
write_config "log_file = \"$T/broker-file.log\"" \
  '[[mount]]' 'name = "share"' 'type = "command"' "mountpoint = \"$T/mnt/share\"" \
  "command = [\"bindfs\", \"$T/src/share\", \"{mountpoint}\"]" "source = \"$T/src/share\"" \
  'options = ["soft", "nodev", "nosuid"]' \
  "$(failing locked "mount error(13): Permission denied $long_tail")" \
  "$(failing flaky 'mount error(113): No route to host')"
start_holder

rc=0
mctl sweep >/dev/null || rc=$?
assert_eq "$rc" 1 "sweep with two failing mounts"
mounted_at "$T/mnt/share" || fail "share was not mounted by the sweep"

# ---- a healthy share in detail, with its probe and its log lines
probe=$(mctl --json probe share) || fail "probe share: $probe"
out=$(mctl status share) || fail "status share exited $? for a healthy share: $out"
assert_contains "$out" "share (command)" "title"
assert_contains "$out" "phase:         mounted since" "phase"
assert_contains "$out" "desired:       mounted" "desired"
assert_contains "$out" "source:        $T/src/share" "source"
assert_contains "$out" "options:       soft,nodev,nosuid" "options"
assert_contains "$out" "recoveries:    0" "recoveries"
grep -Eq '^  last probe: +[0-9-]+ [0-9:]+, took [0-9]+ ms$' <<<"$out" || fail "last probe line: $out"
assert_contains "$out" "Recent log lines ($T/broker-file.log):" "log source"
grep -q 'info: share: .*mounting -> mounted' <<<"$out" || fail "no share: log line in: $out"
! grep -q 'locked: ' <<<"$out" || fail "status share shows another mount's log lines: $out"
json=$(mctl --json status share) || fail "--json status share"
python3 - "$json" "$T/broker-file.log" <<'PY' || fail "status share --json: $json"
import json, sys
d = json.loads(sys.argv[1])
assert [m["name"] for m in d["mounts"]] == ["share"], d
m = d["mounts"][0]
assert m["options"] == ["soft", "nodev", "nosuid"] and m["last_probe_at"] > 0, m
assert d["log_file"] == sys.argv[2] and any("share: " in l for l in d["log"]), d
PY
ok "status share: phase, desired, source, options, recoveries, last probe with its duration, its log lines"

# ---- an auth failure: never retried, says what to run; exit 1
rc=0
out=$(mctl status locked) || rc=$?
assert_eq "$rc" 1 "status of a wanted, failed mount"
assert_contains "$out" "phase:         failed" "phase"
assert_contains "$out" "failure class: auth" "class"
assert_contains "$out" "retry:         will not retry (auth): run sudo mountctl setup locked" "retry"
assert_contains "$out" "Permission denied $long_tail" "the whole error"
ok "status locked: failure class auth, will not retry and what to run, the whole error; exit 1"

rc=0
out=$(mctl status flaky) || rc=$?
assert_eq "$rc" 1 "status of a mount waiting for its retry"
grep -Eq '^  retry: +retrying in [0-9]+ s$' <<<"$out" || fail "no 'retrying in N s' in: $out"
assert_contains "$out" "failure class: network" "class"
ok "status flaky: retrying in N s (network)"

rc=0
mctl status nosuch >/dev/null 2>"$T/err" || rc=$?
assert_eq "$rc" 4 "status of an unknown mount"
assert_contains "$(cat "$T/err")" 'no mount named "nosuch"' "message"
ok "status of an unknown name exits 4 with a message"

# ---- the table: a RETRY column; long errors cut on a terminal only
rc=0
table=$(mctl status) || rc=$?
assert_eq "$rc" 1 "status table while mounts are unhealthy"
assert_contains "$(head -1 <<<"$table")" "RETRY" "RETRY header"
grep -q '^locked .* no (auth) ' <<<"$table" || fail "locked row has no 'no (auth)': $table"
grep -Eq '^flaky .* in [0-9]+ s ' <<<"$table" || fail "flaky row has no 'in N s': $table"
assert_contains "$table" "$long_tail" "a pipe gets the whole error"
rc=0
tty_out=$(on_pty 140 20 "$MOUNTCTL" --socket "$SOCK" status) || rc=$?
assert_eq "$rc" 1 "status on a terminal"
widest=$(tr -d '\r' <<<"$tty_out" | python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))')
[ "$widest" -le 140 ] || fail "a line of $widest columns on a 140-column terminal: $tty_out"
assert_contains "$tty_out" "…" "cut error ends in an ellipsis"
detail=$(on_pty 100 20 "$MOUNTCTL" --socket "$SOCK" status locked) || true
assert_contains "$detail" "$long_tail" "status NAME on a terminal keeps the whole error"
ok "table: RETRY column (no (auth), in N s); on a 140-column pty every line fits, a pipe and status NAME get the whole error"

# ---- nothing wanted is unhealthy: exit 0
mctl unmount locked >/dev/null || fail "unmount locked"
mctl unmount flaky >/dev/null || fail "unmount flaky"
mctl status >/dev/null || fail "status exited $? with only healthy or unwanted mounts"
mctl --json status >/dev/null || fail "--json status exited $? with only healthy or unwanted mounts"
ok "status exits 0 once every wanted mount is mounted"
