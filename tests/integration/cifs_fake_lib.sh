# A mount.cifs rig for tests that drive the real smb backend and the real mount.cifs without a
# cifs kernel module (mount_cifs_test.sh, setup_test.sh). Source it after lib.sh,
# in_private_mount_ns and mb_setup.
#
# cifs_fake_install bind-mounts a wrapper over /usr/sbin/mount.cifs (private to the test's
# mount namespace) that runs a copy of the real binary with -f (everything but mount(2)) under
# strace, snapshots every process's cmdline and environ while it runs, and simulates the
# kernel's half with a tmpfs named like the share. $CIFS/strace.fake.out then shows what the
# helper read from PASSWD_FD (fd 3); $CIFS/procs.fake.snap what every process showed;
# $CIFS/helper.fake.err what it printed; $CIFS/invocations each run's arguments.
# After cifs_real_mode the wrapper drops -f and the tmpfs, so mount(2) really runs (and fails
# with ENODEV here); its files are then named *.real.* instead of *.fake.*.
#
# Passwords: only ever written by printf (a builtin: no command line shows it) into 0600 files,
# searched for with grep -f FILE, never as an argument (cifs_password_patterns).

# cifs_fake_install: sets $CIFS and installs the wrapper; the cleanup trap undoes it.
cifs_fake_install() {
  CIFS=$T/cifs
  mkdir -p "$CIFS/real"
  chmod 0700 "$CIFS"
  cp /usr/sbin/mount.cifs "$CIFS/real/mount.cifs"
  cat >"$CIFS/snap.py" <<'PY'
# Snapshots every process's exe, cmdline and environ (JSON lines) until PID exits.
import json, os, sys, time
out_path, pid = sys.argv[1], sys.argv[2]
with open(out_path, "a") as out:
    while True:
        alive = os.path.exists(f"/proc/{pid}")
        for p in os.listdir("/proc"):
            if not p.isdigit():
                continue
            rec = {"pid": int(p)}
            try:
                rec["exe"] = os.readlink(f"/proc/{p}/exe")
            except OSError:
                rec["exe"] = ""
            for k in ("cmdline", "environ"):
                try:
                    with open(f"/proc/{p}/{k}", "rb") as f:
                        rec[k] = f.read().decode("utf-8", "replace")
                except OSError:
                    rec[k] = None
            out.write(json.dumps(rec) + "\n")
        out.write("--\n")
        if not alive:
            break
        time.sleep(0.02)
PY
  cat >"$CIFS/mount.cifs" <<WRAPPER
#!/bin/bash
# Stands in for /usr/sbin/mount.cifs: the real one under strace (every write delayed by 0.3 s
# so the helper stays alive long enough to be seen), all processes snapshotted meanwhile. In
# fake mode (-f) a tmpfs named like the share then stands in for the kernel's mount, for the
# broker's mount table check; in real mode (\$D/real-mode exists) mount(2) is the real one.
umask 077
D=$CIFS
mode=fake; extra=(-f)
[ -e "\$D/real-mode" ] && { mode=real; extra=(); }
printf '%s\n' "\$*" >>"\$D/invocations"
strace -f -v -s 256 -o "\$D/strace.\$mode.out" -e trace=execve,read,write -e read=3 \\
  -e inject=write:delay_enter=300000 "\$D/real/mount.cifs" "\$@" "\${extra[@]}" -v 2>"\$D/helper.\$mode.err" &
pid=\$!
python3 "\$D/snap.py" "\$D/procs.\$mode.snap" "\$pid" &
snap=\$!
wait "\$pid"; rc=\$?
wait "\$snap"
cat "\$D/helper.\$mode.err" >&2
if [ "\$rc" = 0 ] && [ "\$mode" = fake ]; then
  mount -t tmpfs -o size=1m "\$1" "\$2" || rc=32
fi
exit "\$rc"
WRAPPER
  chmod 0755 "$CIFS/mount.cifs"
  mount --bind "$CIFS/mount.cifs" /usr/sbin/mount.cifs
  # (Private to this namespace, which ends with the test; undone explicitly all the same.)
  # set +e: under set -e, `(exit 1)` would end the trap before _mb_cleanup, which reads the
  # test's exit status from $?, ever saw it, leaving the activator and broker running.
  # shellcheck disable=SC2154  # _cifs_rc is set inside the trap
  trap '_cifs_rc=$?; set +e; umount /usr/sbin/mount.cifs 2>/dev/null; (exit $_cifs_rc); _mb_cleanup' EXIT
}

# cifs_real_mode: from the next run on, the wrapper runs mount.cifs without -f (a real mount(2))
# and simulates nothing.
cifs_real_mode() { touch "$CIFS/real-mode"; }

# cifs_password_patterns TAG PASSWORD: 0600 files to search for PASSWORD without naming it:
# $CIFS/TAG.fixed (the password), $CIFS/TAG.read-exact (strace's line for read(2) on fd 3
# returning exactly it), $CIFS/TAG.with-newline (strace's spelling of it followed by "\n").
# PASSWORD must be letters, digits and "-" (strace escapes anything else).
cifs_password_patterns() {
  (umask 077
    printf '%s' "$2" >"$CIFS/$1.fixed"
    printf 'read\\(3, "%s", [0-9]+\\) += %d$' "$2" "${#2}" >"$CIFS/$1.read-exact"
    printf '%s\\n' "$2" >"$CIFS/$1.with-newline")
}

# smb_mount_toml NAME [CREDENTIAL]: a [[mount]] of //127.0.0.1/share as alice at $T/mnt/NAME.
smb_mount_toml() {
  mkdir -p "$T/mnt/$1"
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "smb"' 'server = "127.0.0.1"' \
    'share = "share"' 'username = "alice"' "mountpoint = \"$T/mnt/$1\"" \
    "credential = \"${2:-file}\"" 'options = ["soft", "vers=3.0", "noserverino"]' \
    'failed_retry_sec = 0'
}
