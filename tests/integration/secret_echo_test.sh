#!/usr/bin/env bash
# A `command` mount with a credential whose helper echoes what it read on stdin to stderr, then
# fails: passwords with a tab, and long enough that the 400-byte window of the helper's message
# cuts through them. No piece of any password (6 characters or more) appears in the mount reply,
# in `mountctl status` as nobody or as root, in a log line or in the state file; last_error
# carries the class and a generic message, and the (redacted) helper output is in the log.
. "$(dirname "$0")/lib.sh"
mb_setup
chmod 0755 "$T"  # let nobody reach the socket
. "$(dirname "$0")/fuse_lib.sh"  # field()

install -d -m 0700 "$T/creds"
# The passwords are written to files only: never on a command line or in the test's output.
python3 - "$T/creds" <<'EOF'
import sys
d = sys.argv[1]
pws = {
    "tab": "Tab\tSecret-9f3k2Q",
    "window": "Window-5ecret-" + "0123456789abcdefghijKLMNOP",
    "long": "L0ng-" + "".join(chr(ord("a") + i % 26) for i in range(200)) + "-End",
}
for name, pw in pws.items():
    with open(f"{d}/{name}", "w") as f:
        f.write(pw + "\n")
EOF
chmod 0600 "$T/creds"/*

# The helper: prints what it read on stdin, then FILL bytes, to stderr; fails.
cat >"$T/echo-helper" <<'EOF'
#!/bin/sh
fill=$1
printf 'read from stdin: ' >&2
cat >&2
head -c "$fill" /dev/zero | tr '\0' 'x' >&2
printf '\n' >&2
exit 1
EOF
chmod 0755 "$T/echo-helper"

echo_mount() {  # NAME FILL
  mkdir -p "$T/mnt/$1"
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"$T/echo-helper\", \"$2\", \"{mountpoint}\"]" "source = \"echo-$1\"" 'credential = "file"' \
    'auto_mount = false'
}
# "window": the tail window (400 bytes) starts inside the password; "long": 200 characters of
# the password end the output.
write_config "credentials_dir = \"$T/creds\"" \
  "$(echo_mount tab 0)" "$(echo_mount window 380)" "$(echo_mount long 0)"
start_holder

for n in tab window long; do
  rc=0
  mctl --json mount "$n" --wait >"$T/reply.$n" 2>&1 || rc=$?
  [ "$rc" != 0 ] || fail "mount $n succeeded with a failing helper"
done
mstatus --json >"$T/status.root" || fail "status as root"
# Exit 1: wanted mounts are unhealthy, which status reports with its exit status.
runuser -u nobody -- timeout 30 "$MOUNTCTL" --socket "$SOCK" --json status >"$T/status.nobody" ||
  [ $? = 1 ] || fail "status as nobody"
ok "three mounts with echoing helpers failed; status answered as root and as nobody"

# Every 6-character piece of every password, looked for in every file; only names are printed.
leaks=$(python3 - "$T/creds" "$T"/reply.* "$T"/status.* "$T/broker.log" "$STATE/state.json" <<'EOF'
import os, sys
creds, files = sys.argv[1], sys.argv[2:]
pws = [open(os.path.join(creds, n)).read().rstrip("\n") for n in os.listdir(creds)]
for f in files:
    text = open(f, errors="replace").read()
    # A tab may have become a space or an escape on the way: look for those forms too.
    forms = [text, text.replace("\\t", "\t"), text.replace(" ", "\t")]
    for i, pw in enumerate(pws):
        if any(pw[k:k + 6] in t for k in range(len(pw) - 5) for t in forms):
            print(f"{os.path.basename(f)} shows a piece of password {i}")
EOF
) || fail "the leak check failed to run"
[ -z "$leaks" ] || fail "passwords leaked: $leaks"
ok "no piece of any password is in a reply, a status (root, nobody), the log or the state file"

json=$(cat "$T/status.nobody")
for n in tab window long; do
  assert_contains "$(field "$json" "$n" last_error)" "its output is in the broker's log" "last_error of $n"
  assert_eq "$(field "$json" "$n" error_class)" unknown "error class of $n"
done
grep -q "tab: $T/echo-helper: read from stdin: \*\*\*" "$T/broker.log" ||
  fail "the redacted helper output is not in the log"
ok "last_error is generic; the redacted helper output is in the broker's log"
