#!/usr/bin/env bash
# `mountctl doctor` on a healthy setup and on a broken one. Healthy: a root-owned 0644 config
# in the test directory (root's, 0700, under the sticky /tmp), a 0700 state directory, empty
# mount points, a credential file for an smb mount (mount.cifs is installed), bindfs command
# mounts, the broker answering under the socket holder, an empty /etc/fstab and no autofs
# master map -> exit 0, "healthy"; still healthy with one of the shares mounted by the broker.
# Broken: the config owned by uid 65534, a missing mount point, a missing credential, an
# /etc/fstab entry for one mount point and an autofs direct map entry for another -> exit 1,
# each problem named with its fix. Then nobody answering on the socket. /etc is overlaid with
# a private writable layer inside the test's mount namespace, so the machine's files are never
# touched and a missing /etc/auto.master can be created.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup
. "$(dirname "$0")/fuse_lib.sh"
# The private /etc layers below come off first: files under $T stay busy while mounted.
_doctor_cleanup() {
  local rc=$?
  while mountpoint -q /etc/fstab; do umount -l /etc/fstab || break; done
  if [ -n "${ETC_LAYERED:-}" ]; then umount -l /etc || true; fi
  (exit $rc)
  _fuse_cleanup
}
trap _doctor_cleanup EXIT

# Everything this test prints also goes to a file, checked for the password at the end.
mkdir -p "$T/out"
exec > >(tee -a "$T/out/test-output.txt") 2>&1

# A private /etc: writes land in a tmpfs, the real files stay as they are.
mkdir -p "$T/etc-layer"
mount -t tmpfs -o mode=0755 tmpfs "$T/etc-layer"
mkdir "$T/etc-layer/upper" "$T/etc-layer/work"
mount -t overlay overlay \
  -o "lowerdir=/etc,upperdir=$T/etc-layer/upper,workdir=$T/etc-layer/work" /etc
ETC_LAYERED=1
rm -rf /etc/auto.master /etc/auto.master.d
: >"$T/fstab.empty"
mount --bind "$T/fstab.empty" /etc/fstab

mkdir -p "$T/src/files" "$T/src/docs" "$T/src/media" \
  "$T/mnt/files" "$T/mnt/docs" "$T/mnt/media" "$T/mnt/share"
echo hello >"$T/src/files/README"
install -d -m 0700 "$STATE" "$T/credentials"
# The password: written only by printf (a builtin) into 0600 files, searched for with grep -f.
PW="Doct0r-$RANDOM$RANDOM"
(umask 077
  printf '%s' "$PW" >"$T/credentials/share"
  printf '%s' "$PW" >"$T/out/pw.fixed")
has_password() { grep -aqF -f "$T/out/pw.fixed" "$@"; }

bindfs_mount() {
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"bindfs\", \"-o\", \"allow_other\", \"$T/src/$1\", \"{mountpoint}\"]" \
    'auto_mount = false'
}
write_config "credentials_dir = \"$T/credentials\"" \
  "$(bindfs_mount files)" "$(bindfs_mount docs)" "$(bindfs_mount media)" \
  '[[mount]]' 'name = "share"' 'type = "smb"' 'server = "127.0.0.1"' 'share = "share"' \
  'username = "tester"' "mountpoint = \"$T/mnt/share\"" 'credential = "file"' \
  'auto_mount = false'
start_holder
HOLDER_PID=$BG_PID

doctor() { mctl doctor --config "$CONFIG" "$@"; }
# run_doctor NAME [ARGS]: output in $T/out/NAME, exit status in $RC.
run_doctor() {
  local name=$1
  shift
  RC=0
  doctor "$@" >"$T/out/$name" 2>&1 || RC=$?
  cat "$T/out/$name"
}
# problem_with_fix FILE TEXT: a PROBLEM line containing TEXT, followed by a fix line.
problem_with_fix() {
  awk -v t="$2" 'found && /^  fix: ./ {ok=1; exit} {found = ($1 == "PROBLEM" && index($0, t))}
    END {exit !ok}' "$1"
}

# --- healthy
run_doctor healthy
assert_eq "$RC" 0 "a healthy setup exits 0"
assert_contains "$(tail -n 1 "$T/out/healthy")" "healthy" "the summary says healthy"
grep -q '^PROBLEM\|^warn' "$T/out/healthy" && fail "a healthy setup shows a problem or warning"
assert_contains "$(grep '^ok *socket' "$T/out/healthy")" "systemd (listening)" \
  "the socket answers and is socket-activated"
grep -q "^ok *credential *share: password file $T/credentials/share" "$T/out/healthy" ||
  fail "the credential file is reported present"
grep -q '^ok *helper *mount.cifs' "$T/out/healthy" || fail "mount.cifs is found"
grep -q '^ok *helper *bindfs' "$T/out/healthy" || fail "bindfs is found"
for m in files docs media share; do
  grep -q "^ok *mountpoint *$m: $T/mnt/$m exists and is empty" "$T/out/healthy" ||
    fail "mount point of $m is reported empty"
done
ok "a healthy setup exits 0 and says healthy, naming what it checked"

# --- healthy, one share mounted by the broker (a command mount without source: the broker's
# status tells doctor it is ours)
mctl mount files --wait >/dev/null
wait_until 10 mounted_at "$T/mnt/files" || fail "files was not mounted"
run_doctor mounted
assert_eq "$RC" 0 "a setup with our own mount on a mount point exits 0"
grep -q "^ok *mountpoint *files: $T/mnt/files: our mount" "$T/out/mounted" ||
  fail "the broker's mount is recognised as ours"
ok "a mount point with our own share on it is healthy"

# --- JSON: an array of findings with the documented fields
mctl --json doctor --config "$CONFIG" >"$T/out/healthy.json" || fail "doctor --json exits non-zero on a healthy setup"
python3 - "$T/out/healthy.json" <<'PY' || fail "doctor --json is not the documented document"
import json, sys
reply = json.load(open(sys.argv[1]))
# The envelope of every other --json reply.
assert reply["v"] == 1 and reply["ok"] is True and reply["worst"] in ("ok", "note"), reply
findings = reply["findings"]
assert isinstance(findings, list) and findings
for f in findings:
    assert set(f) == {"check", "subject", "status", "message", "fix"}, f
    assert f["status"] in ("ok", "note", "warn", "problem"), f
assert {f["check"] for f in findings} >= {"socket", "config", "state", "mountpoint",
                                          "credential", "helper", "automounter", "service"}
PY
ok "doctor --json prints the reply envelope (v, id, ok, worst) with findings: check, subject, status, message, fix"

mctl unmount files >/dev/null
wait_until 10 not_mounted_at "$T/mnt/files" || fail "files was not unmounted"

# --- broken: every kind of problem at once
chown 65534 "$CONFIG"
rmdir "$T/mnt/docs"
rm "$T/credentials/share"
printf '# test fstab\n%s %s none bind 0 0\n' "$T/src/files" "$T/mnt/files" >"$T/fstab.broken"
mount --bind "$T/fstab.broken" /etc/fstab
printf '%s\n' '/- /etc/auto.direct' >/etc/auto.master
printf '%s\n' "$T/mnt/media -fstype=nfs,soft nas.local:/export/media" >/etc/auto.direct
run_doctor broken
assert_eq "$RC" 1 "a broken setup exits 1"
problem_with_fix "$T/out/broken" "$CONFIG: owned by uid 65534" ||
  fail "the config's owner is not named as a problem with a fix"
grep -qx "  fix: chown root $CONFIG" "$T/out/broken" || fail "the config owner fix is chown root"
problem_with_fix "$T/out/broken" "docs: $T/mnt/docs does not exist" ||
  fail "the missing mount point is not named as a problem with a fix"
grep -qx "  fix: mkdir -p $T/mnt/docs" "$T/out/broken" || fail "the mount point fix is mkdir -p"
problem_with_fix "$T/out/broken" "share: credential file $T/credentials/share does not exist" ||
  fail "the missing credential is not named as a problem with a fix"
grep -qx "  fix: sudo mountctl setup share --config $CONFIG" "$T/out/broken" ||
  fail "the credential fix is mountctl setup"
problem_with_fix "$T/out/broken" "files: /etc/fstab:2 mounts" ||
  fail "the fstab entry is not named as a problem with a fix"
grep -qx "  fix: sed -i '2s/^/#/' /etc/fstab" "$T/out/broken" ||
  fail "the fstab fix comments out line 2"
problem_with_fix "$T/out/broken" "media: /etc/auto.direct:1" ||
  fail "the autofs direct map entry is not named as a problem with a fix"
assert_contains "$(grep 'media: /etc/auto.direct:1' "$T/out/broken")" "$T/mnt/media" \
  "the autofs problem names the path"
ok "a broken setup exits 1 and names each problem (config owner, mount point, credential, fstab, autofs) with its fix"

# A noauto fstab entry is only a warning: with the rest repaired, doctor exits 9.
chown root "$CONFIG"
mkdir "$T/mnt/docs"
(umask 077 && printf '%s' "$PW" >"$T/credentials/share")
rm /etc/auto.master /etc/auto.direct
printf '%s %s none bind,noauto 0 0\n' "$T/src/files" "$T/mnt/files" >"$T/fstab.noauto"
mount --bind "$T/fstab.noauto" /etc/fstab
run_doctor noauto
assert_eq "$RC" 9 "warnings only exit 9"
grep -q "^warn *automounter *files: /etc/fstab:1 .*noauto" "$T/out/noauto" ||
  fail "the noauto fstab entry is a warning"
ok "a noauto fstab entry is a warning, and warnings alone exit 9"
mount --bind "$T/fstab.empty" /etc/fstab

# --- helper flags: an rclone mount with rclone's defaults, a bindfs mount without allow_other
cp -p "$CONFIG" "$T/config.before-flags"
mkdir -p "$T/mnt/cloud" "$T/mnt/private"
printf '%s\n' '[[mount]]' 'name = "cloud"' 'type = "command"' "mountpoint = \"$T/mnt/cloud\"" \
  'command = ["rclone", "mount", "--config", "/nonexistent/rclone.conf", "nas:data", "{mountpoint}"]' \
  'source = "nas:data"' 'auto_mount = false' \
  '[[mount]]' 'name = "private"' 'type = "command"' "mountpoint = \"$T/mnt/private\"" \
  "command = [\"bindfs\", \"$T/src/files\", \"{mountpoint}\"]" 'auto_mount = false' >>"$CONFIG"
run_doctor flags
assert_eq "$RC" 9 "helper flags that lock out users or defeat the probe are warnings"
warn_with_fix() {
  awk -v t="$2" -v f="$3" 'found && index($0, "  fix: ") == 1 {ok = index($0, f) > 0; exit}
    {found = ($1 == "warn" && index($0, t))} END {exit !ok}' "$1"
}
warn_with_fix "$T/out/flags" "cloud: rclone is run without allow_other: only root can read" \
  'add "--allow-other" to command' || fail "rclone without --allow-other is not a warning with its fix"
warn_with_fix "$T/out/flags" "directory cache for 5m (the default)" 'probe_path = ".probe"' ||
  fail "rclone's default directory cache without probe_path is not a warning with its fix"
warn_with_fix "$T/out/flags" "private: bindfs is run without allow_other" \
  'add "-o", "allow_other" to command' || fail "bindfs without allow_other is not a warning with its fix"
grep -q "^note *helper-flags *cloud: .*retries a refused connection 10 times" "$T/out/flags" ||
  fail "rclone's default retries are not noted"
grep -q "^ok *helper-flags *files: " "$T/out/flags" || fail "bindfs with allow_other is not ok"
cp -p "$T/config.before-flags" "$CONFIG"
ok "doctor warns about rclone without --allow-other or probe_path and bindfs without allow_other, each with its fix"

# --- not root: says what it could not check
run_doctor_as_nobody() {
  RC=0
  setpriv --reuid=65534 --regid=65534 --clear-groups -- \
    timeout 30 "$MOUNTCTL" --socket "$SOCK" doctor --config "$CONFIG" >"$T/out/nobody" 2>&1 ||
    RC=$?
  cat "$T/out/nobody"
}
run_doctor_as_nobody
assert_eq "$RC" 9 "a non-root run, with checks skipped and no problem, exits 9 (warnings)"
grep -q "^skipped *config .*not root" "$T/out/nobody" || fail "doctor as non-root does not say so"
assert_contains "$(tail -n 1 "$T/out/nobody")" "could not run" \
  "the summary of a non-root run does not claim health"
grep -q "fix: sudo mountctl --socket $SOCK doctor --config $CONFIG" "$T/out/nobody" ||
  fail "doctor as non-root does not say how to run it as root"
ok "doctor run by another user says what it could not check because it is not root, and exits 9"

# --- nobody answering on the socket
stop_bg "$HOLDER_PID"
wait_until 10 no_broker_running || fail "the broker did not exit"
rm -f "$SOCK"
run_doctor no-socket
assert_eq "$RC" 1 "a missing socket is a problem"
problem_with_fix "$T/out/no-socket" "socket       $SOCK: does not exist" ||
  fail "the missing socket is not named as a problem with a fix"
# A socket file nobody listens on (left behind by a crashed broker).
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$SOCK"
run_doctor stale-socket
assert_eq "$RC" 1 "a socket nobody answers on is a problem"
problem_with_fix "$T/out/stale-socket" "socket       $SOCK: nobody answers" ||
  fail "the unanswered socket is not named as a problem with a fix"
ok "nobody answering on the socket is a problem naming the socket, with a fix"

# The password never appeared in anything this test printed.
has_password "$T/out/test-output.txt" "$T"/out/healthy* "$T"/out/broken "$T/broker.log" &&
  fail "the password appeared in the output"
ok "the password appears in no output"
