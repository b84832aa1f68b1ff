#!/usr/bin/env bash
# The real smb backend driving the real mount.cifs (cifs-utils). This kernel has no cifs
# module, so mount.cifs runs in fake mode (-f: everything but the mount(2) call) under strace,
# in the wrapper of cifs_fake_lib.sh. Shows: the options the broker passes (soft, vers=,
# noserverino, username=), PASSWD_FD=3 in its environment, the password arriving on fd 3
# exactly (no newline), and the password in no process's command line or environment while the
# helper runs, in no log line, not in state.json, not in this test's own output. Then without
# -f: mount(2) fails with ENODEV, error_class config. And a credential file readable by others
# is refused before any helper runs.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup
. "$(dirname "$0")/cifs_fake_lib.sh"

cifs_fake_install
mkdir -m 0700 "$T/creds"
# Everything this test prints also goes to a file, checked for the password at the end.
exec > >(tee -a "$CIFS/test-output.txt") 2>&1

# The password: written only by printf (a builtin), into 0600 files; searched for with grep -f.
PW="S3cr3t-$RANDOM$RANDOM"
cifs_password_patterns pw "$PW"
(umask 077; printf '%s' "$PW" >"$T/creds/cifs")
printf 'another-password' >"$T/creds/cifs644"
chmod 0644 "$T/creds/cifs644"
has_password() { grep -aqF -f "$CIFS/pw.fixed" "$@"; }
# The search works (so that "not found" below means something).
has_password "$T/creds/cifs" || fail "has_password cannot find the password"

write_config "credentials_dir = \"$T/creds\"" "$(smb_mount_toml cifs)" "$(smb_mount_toml cifs644)" \
  "$(smb_mount_toml cifsuser none)"$'\nlocal_user = "nobody"'
start_holder

field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); m=[x for x in d["mounts"] if x["name"]==sys.argv[2]][0]; print(m[sys.argv[3]])' "$1" "$2" "$3"; }

# ---- fake mode: the whole invocation, for real
out=$(mctl mount cifs --wait) || fail "mount --wait failed: $out"
json=$(mstatus --json)
assert_eq "$(field "$json" cifs state)" mounted "state (fake mount.cifs + simulated kernel mount)"
assert_eq "$(field "$json" cifs source)" "//127.0.0.1/share" "source"
ok "mount --wait runs mount.cifs (fake mode) and the broker confirms the mount in the mount table"

execve=$(grep -F "execve(\"$CIFS/real/mount.cifs\"" "$CIFS/strace.fake.out") || fail "no execve of the real mount.cifs"
echo "helper: $execve"
assert_contains "$execve" "[\"$CIFS/real/mount.cifs\", \"//127.0.0.1/share\", \"$T/mnt/cifs\", \"-o\", \"soft,vers=3.0,noserverino,username=alice\", \"-f\", \"-v\"]" "argv"
assert_contains "$execve" '"PASSWD_FD=3"' "environment"
verbose=$(cat "$CIFS/helper.fake.err")
echo "helper said: $verbose"
assert_contains "$verbose" ",soft,vers=3.0,noserverino,user=alice,pass=********" "mount.cifs -v: kernel options"
ok "argv: //127.0.0.1/share, the mount point, -o soft,vers=3.0,noserverino,username=alice; env: PASSWD_FD=3"

grep -qEf "$CIFS/pw.read-exact" "$CIFS/strace.fake.out" || fail "mount.cifs did not read exactly the password from fd 3"
grep -qF -f "$CIFS/pw.with-newline" "$CIFS/strace.fake.out" && fail "the password on fd 3 has a trailing newline"
grep -qF 'pass=********' <<<"$verbose" || fail "mount.cifs did not use a password"
ok "the password arrives on fd 3 exactly, without a trailing newline (read returned its length)"

# The snapshots were taken while the real mount.cifs ran: prove it, then search them all.
seen=$(python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1]):
    if line.startswith("{") and json.loads(line)["exe"] == sys.argv[2]:
        n += 1
print(n)' "$CIFS/procs.fake.snap" "$CIFS/real/mount.cifs")
[ "$seen" -ge 1 ] || fail "no snapshot caught mount.cifs running"
snaps=$(grep -c '^--$' "$CIFS/procs.fake.snap")
has_password "$CIFS/strace.fake.out" || fail "the search cannot find the password in the strace log"
has_password "$CIFS/procs.fake.snap" && fail "the password is in some process's cmdline or environ"
ok "$snaps snapshots of every /proc/*/cmdline and /proc/*/environ while mount.cifs ran ($seen sightings of it): no password"

# ---- local_user: the share is mounted for nobody, so mount.cifs gets nobody's ids
out=$(mctl mount cifsuser --wait) || fail "mount cifsuser --wait failed: $out"
execve=$(grep -F "execve(\"$CIFS/real/mount.cifs\"" "$CIFS/strace.fake.out" | grep -F "$T/mnt/cifsuser") ||
  fail "no execve of mount.cifs for cifsuser"
owner="uid=$(id -u nobody),gid=$(id -g nobody),forceuid,forcegid"
assert_contains "$execve" "\"soft,vers=3.0,noserverino,username=alice,$owner,guest\"" "cifsuser argv"
out=$(mctl unmount cifsuser) || fail "unmount cifsuser failed: $out"
ok "local_user = \"nobody\": mount.cifs gets -o ...,$owner"

# ---- the same, without fake mode: mount(2) says ENODEV (no cifs in this kernel)
out=$(mctl unmount cifs) || fail "unmount failed: $out"
cifs_real_mode
rc=0
out=$(mctl mount cifs --wait 2>&1) || rc=$?
assert_eq "$rc" 1 "real mount.cifs on a kernel without cifs: exit status"
json=$(mstatus --json)
assert_eq "$(field "$json" cifs state)" failed "state after ENODEV"
assert_eq "$(field "$json" cifs error_class)" config "error_class after ENODEV"
# A mount with a credential keeps its helper's words out of status (every user reads it): they
# are in the root-only log.
assert_contains "$(field "$json" cifs last_error)" "its output is in the broker's log" "last_error after ENODEV"
grep -q "cifs: mount.cifs: .*mount error(19): No such device" "$T/broker.log" ||
  fail "mount.cifs's message is not in the broker's log"
assert_eq "$(field "$json" cifs next_attempt_at)" 0 "next_attempt_at after ENODEV"
grep -qEf "$CIFS/pw.read-exact" "$CIFS/strace.real.out" || fail "real mode: password not read exactly from fd 3"
has_password "$CIFS/procs.real.snap" && fail "real mode: the password is in some process's cmdline or environ"
ok "without -f: mount error(19) (no cifs module) is error_class config, not retried; password again only on fd 3"

# ---- a credential file others can read is refused before any helper runs
invocations=$(wc -l <"$CIFS/invocations")
rc=0
out=$(mctl mount cifs644 --wait 2>&1) || rc=$?
assert_eq "$rc" 1 "mount with a 0644 credential file: exit status"
json=$(mstatus --json)
assert_eq "$(field "$json" cifs644 state)" failed "cifs644 state"
assert_eq "$(field "$json" cifs644 error_class)" config "cifs644 error_class"
msg=$(field "$json" cifs644 last_error)
echo "refusal: $msg"
assert_contains "$msg" "$T/creds/cifs644" "the message names the file"
assert_contains "$msg" "chmod 600 $T/creds/cifs644" "the message says the fix"
assert_eq "$(wc -l <"$CIFS/invocations")" "$invocations" "mount.cifs runs"
ok "a 0644 credential file is refused (error_class config), naming the file and the fix; no helper ran"

# ---- the password is nowhere it must not be
wait_until 10 no_broker_running || fail "broker did not exit"
[ -s "$T/broker.log" ] || fail "no broker log"
has_password "$T/broker.log" && fail "the password is in the broker log"
[ -s "$STATE/state.json" ] || fail "no state.json"
has_password "$STATE"/state.json* && fail "the password is in the state file"
has_password "$T/events.log" && fail "the password is in the activator's event log"
echo "output check $$"
wait_until 5 grep -q "^output check $$\$" "$CIFS/test-output.txt" || fail "own output not captured"
has_password "$CIFS/test-output.txt" && fail "the password is in this test's output"
ok "the password is in no log line, not in state.json, not in this test's output"
