#!/usr/bin/env bash
# mountctl setup NAME stores a mount's password where the broker reads it, and the next mount
# uses it: the real smb backend drives the real mount.cifs in fake mode (cifs_fake_lib.sh),
# which must read exactly the stored password from PASSWD_FD. The credential file is 0600 and
# root's, in a 0700 directory setup created; setting up again replaces it (a new file, the
# same broker: no restart). Refused: an unknown name (4), credential = "none" (2), empty or
# multi-line stdin (2), no terminal without --stdin (2), non-root (5), an invalid config (6), an
# unsafe directory (1). On a real pseudo-terminal the password is asked twice without echo, a
# mismatch stores nothing; ^C and SIGTERM end it with the terminal restored and nothing stored;
# ^Z stops it with echo on and SIGCONT turns echo off again; setup allows no core dump. No
# password is in any output, log, state.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup
. "$(dirname "$0")/cifs_fake_lib.sh"

OUT=$T/out  # everything the test and the commands print, searched for the passwords at the end
mkdir -m 0700 "$OUT"
exec > >(tee -a "$OUT/test-output.txt") 2>&1
cifs_fake_install

# Passwords: only ever expanded as arguments of printf (a builtin), never exported.
PW1="Set-Up-$RANDOM$RANDOM"
PW2="Re-Placed-$RANDOM$RANDOM"
PW3="Ty-Ped-$RANDOM$RANDOM"
PW4="Mis-Match-$RANDOM$RANDOM"
cifs_password_patterns pw1 "$PW1"
cifs_password_patterns pw2 "$PW2"
cifs_password_patterns pw3 "$PW3"
cifs_password_patterns pw4 "$PW4"
(umask 077; for t in pw1 pw2 pw3 pw4; do cat "$CIFS/$t.fixed"; echo; done >"$CIFS/all.fixed")
has_password() { grep -aqF -f "$CIFS/all.fixed" "$@"; }
has_password "$CIFS/pw3.fixed" || fail "has_password cannot find a password"

CREDS=$T/etc/mount-broker/credentials  # missing: setup creates it
IDLE_EXIT=120  # one broker for the whole test: a new password must not need a new broker
write_config "credentials_dir = \"$CREDS\"" "$(smb_mount_toml cifs)" "$(smb_mount_toml guest none)"

# setup_stdin PWFILE|- ARGS...: mountctl setup ARGS with the file on stdin; sets $rc and $out.
setup_stdin() {
  local input=$1
  shift
  rc=0
  out=$(timeout 30 "$MOUNTCTL" setup "$@" <"$input" 2>&1) || rc=$?
  echo "setup $*: exit $rc: $out"
}
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); m=[x for x in d["mounts"] if x["name"]==sys.argv[2]][0]; print(m[sys.argv[3]])' "$1" "$2" "$3"; }
# mount_reads TAG: mounts cifs (a fresh mount.cifs run) and checks it read exactly password TAG.
mount_reads() {
  local o
  o=$(mctl mount cifs --wait) || fail "mount --wait failed: $o"
  assert_eq "$(field "$(mstatus --json)" cifs state)" mounted "state after mount"
  grep -qEf "$CIFS/$1.read-exact" "$CIFS/strace.fake.out" || fail "mount.cifs did not read exactly the $1 password from fd 3"
  grep -qF -f "$CIFS/$1.with-newline" "$CIFS/strace.fake.out" && fail "the password on fd 3 has a trailing newline"
  has_password "$CIFS/procs.fake.snap" && fail "a password is in some process's cmdline or environ"
  return 0
}

# ---- setup --stdin: a new 0700 directory, a 0600 file holding exactly the password
rc=0
out=$(printf '%s\n' "$PW1" | timeout 30 "$MOUNTCTL" setup cifs --stdin --config "$CONFIG" 2>&1) || rc=$?
echo "setup: $out"
assert_eq "$rc" 0 "setup --stdin: exit status"
assert_eq "$out" "cifs: stored the password in $CREDS/cifs (mode 0600, owner root); the next mount of cifs uses it, no broker restart needed" "setup's one line"
assert_eq "$(stat -c '%a %U %G %F' "$CREDS")" "700 root root directory" "credential directory"
assert_eq "$(stat -c '%a %U %G %F' "$CREDS/cifs")" "600 root root regular file" "credential file"
cmp -s "$CREDS/cifs" "$CIFS/pw1.fixed" || fail "the file does not hold exactly the password (no newline)"
assert_eq "$(ls -A "$CREDS")" cifs "files in the credential directory"
ok "printf PW | mountctl setup cifs --stdin: $CREDS created 0700 root, cifs 0600 root, exactly the password"

# ---- the next mount uses it
start_holder
pid=$(version_pid "$(mctl version)")
[ -n "$pid" ] || fail "no broker pid"
mount_reads pw1
ok "the next mount runs mount.cifs, which reads exactly that password from PASSWD_FD"

# ---- setting up again replaces the file; the running broker's next mount uses the new one
inode=$(stat -c %i "$CREDS/cifs")
setup_stdin <(printf '%s\r\n' "$PW2") cifs --stdin --config "$CONFIG"
assert_eq "$rc" 0 "second setup: exit status"
cmp -s "$CREDS/cifs" "$CIFS/pw2.fixed" || fail "the second setup did not store exactly the new password"
[ "$(stat -c %i "$CREDS/cifs")" != "$inode" ] || fail "the file was rewritten in place, not replaced"
assert_eq "$(stat -c '%a %U' "$CREDS/cifs")" "600 root" "mode after replacing"
assert_eq "$(ls -A "$CREDS")" cifs "files after replacing"
o=$(mctl unmount cifs) || fail "unmount failed: $o"
mount_reads pw2
assert_eq "$(version_pid "$(mctl version)")" "$pid" "broker pid (no restart)"
ok "setup again (CRLF input) replaces the file by rename; the same broker's next mount reads the new password"

# ---- refusals: each leaves the stored file alone
inode=$(stat -c %i "$CREDS/cifs")
unchanged() {
  cmp -s "$CREDS/cifs" "$CIFS/pw2.fixed" || fail "$1: the stored password changed"
  assert_eq "$(stat -c %i "$CREDS/cifs")" "$inode" "$1: inode"
  assert_eq "$(ls -A "$CREDS")" cifs "$1: files in the credential directory"
}

setup_stdin "$CIFS/pw4.fixed" nosuch --stdin --config "$CONFIG"
assert_eq "$rc" 4 "unknown name: exit status"
assert_contains "$out" "no mount \"nosuch\" in $CONFIG; the mounts there: cifs, guest" "unknown name"
unchanged "unknown name"
ok "an unknown name exits 4 and lists the mounts that exist"

setup_stdin "$CIFS/pw4.fixed" guest --stdin --config "$CONFIG"
assert_eq "$rc" 2 "credential none: exit status"
assert_contains "$out" "has credential = \"none\", so the broker gives it no password; to use one, set credential = \"file\" there" "credential none"
[ ! -e "$CREDS/guest" ] || fail "a credential file was written for a credential = none mount"
ok "a mount with credential = \"none\" exits 2, saying to set credential = \"file\""

printf '' >"$T/empty"
setup_stdin "$T/empty" cifs --stdin --config "$CONFIG"
assert_eq "$rc" 2 "empty stdin: exit status"
assert_contains "$out" "no password on stdin" "empty stdin"
unchanged "empty stdin"
setup_stdin <(printf '\n') cifs --stdin --config "$CONFIG"
assert_eq "$rc" 2 "an empty line: exit status"
setup_stdin <(printf '%s\n%s\n' "$PW4" "$PW4") cifs --stdin --config "$CONFIG"
assert_eq "$rc" 2 "two lines: exit status"
assert_contains "$out" "more than one line on stdin" "two lines"
setup_stdin <(printf '%s\0x\n' "$PW4") cifs --stdin --config "$CONFIG"
assert_eq "$rc" 2 "a NUL byte: exit status"
assert_contains "$out" "holds a NUL byte" "NUL"
unchanged "bad stdin"
ok "empty stdin, an empty line, two lines, a NUL byte: exit 2, nothing stored"

rc=0
out=$(printf '%s\n' "$PW4" | setpriv --reuid=65534 --regid=65534 --clear-groups \
  timeout 30 "$MOUNTCTL" setup cifs --stdin --config "$CONFIG" 2>&1) || rc=$?
echo "as nobody: exit $rc: $out"
assert_eq "$rc" 5 "non-root: exit status"
assert_contains "$out" "run it as root: sudo mountctl setup cifs" "non-root"
unchanged "non-root"
ok "not root (setpriv to nobody): exit 5, \"run it as root: sudo mountctl setup cifs\""

rc=0
out=$(setsid -w timeout 30 "$MOUNTCTL" setup cifs --config "$CONFIG" </dev/null 2>&1) || rc=$?
echo "no terminal: exit $rc: $out"
assert_eq "$rc" 2 "no terminal: exit status"
assert_contains "$out" "there is no terminal to ask for the password on; pipe it in with --stdin" "no terminal"
unchanged "no terminal"
ok "no terminal and no --stdin: exit 2, saying to use --stdin"

printf '%s\n' '[broker]' 'idle_exit_secs = 3' >"$T/bad.toml"
chmod 0644 "$T/bad.toml"
setup_stdin "$CIFS/pw4.fixed" cifs --stdin --config "$T/bad.toml"
assert_eq "$rc" 6 "invalid config: exit status"
check=$("$BROKER" --check-config "$T/bad.toml" 2>&1) || true
assert_contains "$out" "$T/bad.toml:2: [broker] idle_exit_secs" "the loader's message"
assert_contains "$check" "$T/bad.toml:2: [broker] idle_exit_secs" "the broker's message for the same file"
unchanged "invalid config"
ok "an invalid config: exit 6 with the loader's message (file:line: key)"

chmod 0770 "$CREDS"
setup_stdin "$CIFS/pw4.fixed" cifs --stdin --config "$CONFIG"
chmod 0700 "$CREDS"
assert_eq "$rc" 1 "group-writable directory: exit status"
assert_contains "$out" "must not be writable by group or others; fix: chmod 700 $CREDS" "unsafe directory"
unchanged "unsafe directory"
ok "a group-writable credential directory is refused with the fix"

# ---- on a terminal: a real pseudo-terminal, answers typed from files (never from argv)
cat >"$T/pty_drive.py" <<'PY'
# pty_drive.py TRANSCRIPT ANSWER... -- COMMAND...: runs COMMAND with a new pseudo-terminal as
# its controlling terminal; at each prompt types the content of the next ANSWER file and Enter.
# ANSWER "^C" types Ctrl-C; "TERM" sends SIGTERM; "^Z" types Ctrl-Z, waits for the stop, sends
# SIGCONT and then answers the same prompt with the next ANSWER. Records what the terminal
# showed in TRANSCRIPT; prints JSON: the exit status (negative: the signal), whether echo was
# off at every prompt (and again after SIGCONT), whether echo was on while stopped, whether the
# terminal has echo again at the end, and COMMAND's core file size limit at the first prompt.
# COMMAND runs in its own foreground process group under a small session leader: a stop
# signal to an orphaned process group (one whose parent is in another session) is discarded.
import json, os, select, signal, subprocess, sys, termios, fcntl, time
sep = sys.argv.index("--")
transcript, answers, cmd = sys.argv[1], sys.argv[2:sep], sys.argv[sep + 1:]
prompts = [b"): ", b"Again, to confirm: "]
LEADER = r"""
import os, resource, signal, sys
report, cmd = int(sys.argv[1]), sys.argv[2:]
# Core dumps allowed, as a shell with "ulimit -c unlimited" has them: setup must turn them off.
resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
go_r, go_w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(report); os.close(go_w)
    os.setpgid(0, 0)
    os.read(go_r, 1)  # the terminal is ours first: tcsetattr from the background would stop us
    os.close(go_r)
    os.execvp(cmd[0], cmd)
os.close(go_r)
signal.signal(signal.SIGTTOU, signal.SIG_IGN)
try:
    os.setpgid(pid, pid)
except OSError:
    pass
os.tcsetpgrp(0, pid)
os.write(go_w, b"x"); os.close(go_w)
os.write(report, str(pid).encode()); os.close(report)
while True:
    _, st = os.waitpid(pid, os.WUNTRACED)
    if not os.WIFSTOPPED(st):
        break
if os.WIFSIGNALED(st):
    signal.signal(os.WTERMSIG(st), signal.SIG_DFL)
    os.kill(os.getpid(), os.WTERMSIG(st))
sys.exit(os.WEXITSTATUS(st))
"""
master, slave = os.openpty()
def controlling_tty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
report_r, report_w = os.pipe()
child = subprocess.Popen([sys.executable, "-c", LEADER, str(report_w)] + cmd, stdin=slave,
                         stdout=slave, stderr=slave, preexec_fn=controlling_tty,
                         close_fds=True, pass_fds=(report_w,))
os.close(report_w)
target = int(os.read(report_r, 32)); os.close(report_r)
seen = b""
def read_for(seconds, until=None):
    global seen
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if until is not None and until(seen):
            return True
        r, _, _ = select.select([master], [], [], 0.05)
        if r:
            try:
                seen += os.read(master, 4096)
            except OSError:
                return until is None
    return until is None
def echo_on():
    return bool(termios.tcgetattr(slave)[3] & termios.ECHO)
def stopped():
    with open("/proc/%d/stat" % target) as f:
        return f.read().rsplit(")", 1)[1].split()[0] == "T"
def wait_for(seconds, cond):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        read_for(0.05)
        if cond():
            return True
    return False
def give_up(why):
    print(json.dumps({"error": why, "seen": len(seen)}))
    os.killpg(target, signal.SIGKILL); child.kill(); child.wait(); sys.exit(1)
echo_off = True
echo_while_stopped = None
core = None
pos = 0  # each prompt is looked for after the previous one
asked = 0
resumed = False  # after ^Z and SIGCONT the same prompt is still being answered
for answer in answers:
    if not resumed:
        prompt = prompts[min(asked, 1)]
        if not read_for(20, lambda s: s.find(prompt, pos) >= 0):
            give_up("no prompt")
        pos = seen.find(prompt, pos) + len(prompt)
        asked += 1
    resumed = False
    if echo_on():
        echo_off = False
    if core is None:
        with open("/proc/%d/limits" % target) as f:
            core = [l.split()[4:6] for l in f if l.startswith("Max core file size")][0]
    if answer == "^C":
        os.write(master, b"\x03")
        break
    if answer == "TERM":
        os.kill(target, signal.SIGTERM)
        break
    if answer == "^Z":
        os.write(master, b"\x1a")
        if not wait_for(20, stopped):
            give_up("not stopped by ^Z")
        echo_while_stopped = echo_on()
        os.kill(target, signal.SIGCONT)
        # Back from the stop it turns echo off again, then reads on.
        if not wait_for(20, lambda: not stopped() and not echo_on()):
            echo_off = False
        resumed = True
        continue
    with open(answer, "rb") as f:
        os.write(master, f.read() + b"\n")
try:
    rc = child.wait(timeout=20)
except subprocess.TimeoutExpired:
    child.kill(); rc = child.wait()
read_for(0.3)
restored = echo_on()
fd = os.open(transcript, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, seen); os.close(fd)
print(json.dumps({"rc": rc, "echo_off_at_prompts": echo_off, "echo_restored": restored,
                  "echo_while_stopped": echo_while_stopped, "core_limit": " ".join(core or [])}))
PY
drive() {  # TRANSCRIPT ANSWER...: mountctl setup cifs on a pseudo-terminal; sets $res
  local transcript=$1
  shift
  res=$(timeout 60 python3 "$T/pty_drive.py" "$transcript" "$@" -- "$MOUNTCTL" setup cifs --config "$CONFIG")
  echo "terminal: $res"
}
jget() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

drive "$OUT/tty-ok.txt" "$CIFS/pw3.fixed" "$CIFS/pw3.fixed"
assert_eq "$(jget "$res" rc)" 0 "terminal setup: exit status"
assert_eq "$(jget "$res" echo_off_at_prompts)" True "echo off while the password is typed"
assert_eq "$(jget "$res" echo_restored)" True "echo back on afterwards"
shown=$(tr -d '\r' <"$OUT/tty-ok.txt")
echo "the terminal showed: $shown"
assert_contains "$shown" "Password for cifs (alice@127.0.0.1/share): " "first prompt"
assert_contains "$shown" "Again, to confirm: " "second prompt"
assert_contains "$shown" "cifs: stored the password in $CREDS/cifs" "the result line"
has_password "$OUT/tty-ok.txt" && fail "the typed password was echoed"
cmp -s "$CREDS/cifs" "$CIFS/pw3.fixed" || fail "the typed password was not stored exactly"
assert_eq "$(stat -c '%a %U' "$CREDS/cifs")" "600 root" "mode after the terminal setup"
ok "on a terminal: asked twice with echo off (nothing echoed), stored, echo restored"

inode=$(stat -c %i "$CREDS/cifs")
drive "$OUT/tty-mismatch.txt" "$CIFS/pw4.fixed" "$CIFS/pw1.fixed"
assert_eq "$(jget "$res" rc)" 1 "mismatch: exit status"
assert_eq "$(jget "$res" echo_restored)" True "echo back on after a mismatch"
assert_contains "$(cat "$OUT/tty-mismatch.txt")" "the two entries differ; nothing was stored" "mismatch"
has_password "$OUT/tty-mismatch.txt" && fail "a typed password was echoed"
cmp -s "$CREDS/cifs" "$CIFS/pw3.fixed" || fail "a mismatch changed the stored password"
assert_eq "$(stat -c %i "$CREDS/cifs")" "$inode" "inode after a mismatch"
assert_eq "$(ls -A "$CREDS")" cifs "files after a mismatch"
ok "two different entries: exit 1, nothing written"

drive "$OUT/tty-int.txt" "^C"
assert_eq "$(jget "$res" rc)" -2 "^C: ended by SIGINT"
assert_eq "$(jget "$res" echo_off_at_prompts)" True "echo off at the prompt"
assert_eq "$(jget "$res" echo_restored)" True "echo back on after ^C"
cmp -s "$CREDS/cifs" "$CIFS/pw3.fixed" || fail "^C changed the stored password"
assert_eq "$(ls -A "$CREDS")" cifs "files after ^C"
assert_eq "$(jget "$res" core_limit)" "0 0" "core file size limit (soft hard) while asking"
ok "^C at the prompt: SIGINT ends it, the terminal has echo again, nothing written; no core dumps"

inode=$(stat -c %i "$CREDS/cifs")
drive "$OUT/tty-term.txt" TERM
assert_eq "$(jget "$res" rc)" -15 "SIGTERM: ended by SIGTERM"
assert_eq "$(jget "$res" echo_off_at_prompts)" True "echo off at the prompt"
assert_eq "$(jget "$res" echo_restored)" True "echo back on after SIGTERM"
cmp -s "$CREDS/cifs" "$CIFS/pw3.fixed" || fail "SIGTERM changed the stored password"
assert_eq "$(stat -c %i "$CREDS/cifs")" "$inode" "inode after SIGTERM"
assert_eq "$(ls -A "$CREDS")" cifs "files after SIGTERM"
ok "SIGTERM at the prompt: it ends, the terminal has echo again, nothing written"

drive "$OUT/tty-tstp.txt" "^Z" "$CIFS/pw3.fixed" "$CIFS/pw3.fixed"
assert_eq "$(jget "$res" echo_while_stopped)" True "echo on while stopped by ^Z"
assert_eq "$(jget "$res" echo_off_at_prompts)" True "echo off again after SIGCONT"
assert_eq "$(jget "$res" rc)" 0 "^Z, SIGCONT, then the password: exit status"
assert_eq "$(jget "$res" echo_restored)" True "echo back on at the end"
has_password "$OUT/tty-tstp.txt" && fail "the password typed after SIGCONT was echoed"
cmp -s "$CREDS/cifs" "$CIFS/pw3.fixed" || fail "the password typed after SIGCONT was not stored exactly"
ok "^Z at the prompt: stopped with echo on; after SIGCONT echo is off again and the same prompt is answered"

o=$(mctl unmount cifs) || fail "unmount failed: $o"
mount_reads pw3
ok "the next mount reads the password typed on the terminal"

# ---- no password anywhere it must not be
[ -s "$T/broker.log" ] || fail "no broker log"
has_password "$T/broker.log" && fail "a password is in the broker log"
[ -s "$STATE/state.json" ] || fail "no state.json"
has_password "$STATE"/state.json* && fail "a password is in the state file"
has_password "$T/events.log" && fail "a password is in the activator's event log"
has_password "$CIFS/helper.fake.err" "$CIFS/invocations" && fail "a password is in mount.cifs's output or argv"
echo "output check $$"
wait_until 5 grep -q "^output check $$\$" "$OUT/test-output.txt" || fail "own output not captured"
has_password "$OUT"/* && fail "a password is in this test's output or a terminal transcript"
ok "no password in the broker log, state.json, the event log, helper output, the test's output"
