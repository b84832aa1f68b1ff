#!/usr/bin/env bash
# The systemd units CMake generates from systemd/*.in, as `cmake --install` installs them,
# pass `systemd-analyze verify` without a word, and say what the issue asks of them.
#
# verify checks that ExecStart= programs exist and that Documentation= man pages resolve,
# at the paths the units name (the real install paths, e.g. /usr/local/sbin for the broker and
# /usr/local/bin for mountctl). So the test installs into a DESTDIR and, in its private mount
# namespace, bind-mounts the DESTDIR's sbin and bin over the real ones, and points MANPATH at the DESTDIR's man pages: verify then sees
# exactly the installed files at exactly the paths they name. (--root= would instead need a
# whole systemd tree, sysinit.target and all, in the root.)
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup

command -v systemd-analyze >/dev/null || fail "systemd-analyze is not installed"
layout() { sed -n "s/^$1=//p" "$MB_BIN/install-paths.txt"; }
UNIT_DIR=$(layout systemd_unit_dir)
SBINDIR=$(layout sbindir)
BINDIR=$(layout bindir)
[ -n "$UNIT_DIR" ] || fail "this build does not install systemd units (MB_INSTALL_SYSTEMD_UNITS)"
HPP=$MB_BIN/generated/util/build_config.hpp
SOCKET=$(sed -n 's/.*kDefaultSocket = "\(.*\)";.*/\1/p' "$HPP")
MANDIR=$(layout mandir)

DEST=$T/root
DESTDIR=$DEST cmake --install "$MB_BIN" >"$T/install.log" 2>&1 || fail "cmake --install failed: $(tail -5 "$T/install.log")"
UNITS=(mount-broker.socket mount-broker.service mount-broker-sweep.service mount-broker-sweep.timer
  mount-broker-sweep-now.service)
paths=()
for u in "${UNITS[@]}"; do
  [ -f "$DEST$UNIT_DIR/$u" ] || fail "$u was not installed into $UNIT_DIR"
  cmp -s "$DEST$UNIT_DIR/$u" "$MB_BIN/systemd/$u" || fail "the installed $u differs from the generated one"
  ! grep -q '@[A-Z_]*@' "$DEST$UNIT_DIR/$u" || fail "$u: a placeholder was left: $(grep '@[A-Z_]*@' "$DEST$UNIT_DIR/$u")"
  paths+=("$DEST$UNIT_DIR/$u")
done
ok "cmake --install put the five generated units into $UNIT_DIR"

for d in "$SBINDIR" "$BINDIR"; do
  [ -d "$d" ] || fail "$d does not exist on this machine, so it cannot be bind-mounted over"
  mount --bind "$DEST$d" "$d" || fail "cannot bind-mount the installed $d"
done
[ -x "$SBINDIR/mount-broker" ] && [ -x "$BINDIR/mountctl" ] || fail "the bind mounts show no binaries"
verify() { MANPATH=$DEST$MANDIR SYSTEMD_LOG_COLOR=0 systemd-analyze verify "$@" >"$T/verify.out" 2>&1; }

rc=0
verify "${paths[@]}" || rc=$?
[ $rc = 0 ] && [ ! -s "$T/verify.out" ] ||
  fail "systemd-analyze verify (exit $rc) said: $(cat "$T/verify.out")"
ok "systemd-analyze verify prints nothing and exits 0 for the installed units"

# The check can fail here: a unit naming a program that is not installed is reported.
sed "s|^ExecStart=.*|ExecStart=$SBINDIR/no-such-broker|" "$DEST$UNIT_DIR/mount-broker.service" \
  >"$T/mount-broker.service"
cp "$DEST$UNIT_DIR/mount-broker.socket" "$T/"
rc=0
verify "$T/mount-broker.socket" "$T/mount-broker.service" || rc=$?
[ $rc != 0 ] && grep -q no-such-broker "$T/verify.out" ||
  fail "verify did not notice a missing ExecStart program (exit $rc): $(cat "$T/verify.out")"
ok "the same verify reports a unit whose program is missing (so the silence above means something)"

# What the units must say. Only directive lines count, not comments.
directives() { grep -v '^[[:space:]]*#' "$DEST$UNIT_DIR/$1" | grep .; }
has() { directives "$1" | grep -qxF -- "$2" || fail "$1 lacks \"$2\""; }
has mount-broker.socket "ListenStream=$SOCKET"
has mount-broker.socket "SocketMode=0666"
has mount-broker.socket "WantedBy=sockets.target"
ok "the socket listens on the compiled-in default $SOCKET, mode 0666, enabled by sockets.target"

has mount-broker.service "ExecStart=$SBINDIR/mount-broker"
has mount-broker.service "KillMode=process"
! directives mount-broker.service | grep -q '^\[Install\]' || fail "mount-broker.service has an [Install] section"
# Any of these would give the broker its own mount namespace (its mounts invisible to the
# host), hide /dev/fuse, or drop the capabilities mounting needs.
bad='^(PrivateTmp|PrivateDevices|PrivateMounts|PrivateNetwork|PrivateUsers|PrivateIPC|ProtectSystem|ProtectHome|ProtectKernelTunables|ProtectKernelModules|ProtectKernelLogs|ProtectControlGroups|ProtectClock|ProtectHostname|ProtectProc|ProcSubset|ReadOnlyPaths|ReadWritePaths|InaccessiblePaths|ExecPaths|NoExecPaths|BindPaths|BindReadOnlyPaths|TemporaryFileSystem|RootDirectory|RootImage|MountAPIVFS|DevicePolicy|DeviceAllow|DynamicUser|User)='
found=$(directives mount-broker.service | grep -E "$bad" || true)
[ -z "$found" ] || fail "mount-broker.service sets an option that breaks mounting: $found"
ok "the service runs the installed broker, has no [Install], KillMode=process, no namespace or device option that stops mounting"

# The hardening the broker and its helpers must keep, from the effective values of the
# [Service] section, combined the way systemd combines repeated assignments (an empty one
# resets; "~" makes a deny list; a later list of the other kind removes from the first).
cat >"$T/check_hardening.py" <<'PY'
import re, sys

# What the unit's comment explains, and bindfs needs to keep setgid and setuid bits (FSETID).
NEEDED_CAPS = {"CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
               "CAP_FOWNER", "CAP_CHOWN", "CAP_FSETID", "CAP_SETUID", "CAP_SETGID",
               "CAP_NET_BIND_SERVICE", "CAP_KILL"}
MOUNT_CALLS = {"@mount", "@privileged", "mount", "umount", "umount2"}
FAMILIES = {"AF_UNIX", "AF_INET", "AF_INET6"}

def service_assignments(path):
    section, out = None, []
    for line in open(path).read().replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line
        elif section == "[Service]":
            key, _, value = line.partition("=")
            out.append((key.strip(), value.strip()))
    return out

def values(assignments, key):
    return [v for k, v in assignments if k == key]

def effective_list(vals):
    # -> (None | "allow" | "deny", set)
    mode, items = None, set()
    for v in vals:
        if not v:
            mode, items = None, set()
            continue
        if v == "none":  # RestrictAddressFamilies=none: no family at all
            mode, items = "allow", set()
            continue
        kind = "deny" if v.startswith("~") else "allow"
        words = set(v.lstrip("~").split())
        if mode is None:
            mode, items = kind, words
        elif kind == mode:
            items |= words
        else:
            items -= words
    return mode, items

def comment_caps(path):
    # The capabilities the "Keep only" comment lists, up to the directive.
    text = open(path).read()
    block = text.split("Keep only", 1)[1].split("Not kept", 1)[0]
    return set(re.findall(r"CAP_[A-Z_]+", block))

def errors(path):
    a = service_assignments(path)
    errs = []
    caps = values(a, "CapabilityBoundingSet")
    if not caps:
        errs.append("no CapabilityBoundingSet")
    for v in caps:
        if not v:
            errs.append("CapabilityBoundingSet= (empty) drops every capability")
        elif v.startswith("~"):
            errs.append(f"CapabilityBoundingSet={v}: a deny list keeps every other capability")
    kept = set(" ".join(v for v in caps if not v.startswith("~")).split())
    if NEEDED_CAPS - kept:
        errs.append(f"CapabilityBoundingSet lacks {sorted(NEEDED_CAPS - kept)}")
    if comment_caps(path) != kept:
        errs.append(f"the comment lists {sorted(comment_caps(path))}, the directive keeps {sorted(kept)}")
    if any(values(a, "MountFlags")):
        errs.append("MountFlags= gives the service its own mount namespace")
    nnp = values(a, "NoNewPrivileges")
    if nnp and nnp[-1].lower() in ("yes", "true", "on", "1"):
        errs.append("NoNewPrivileges=yes breaks setuid fusermount3 and SELinux transitions of mount helpers")
    mode, calls = effective_list(values(a, "SystemCallFilter"))
    if mode == "allow" and "@mount" not in calls:
        errs.append(f"SystemCallFilter allows only {sorted(calls)}: no @mount")
    if mode == "deny" and calls & MOUNT_CALLS:
        errs.append(f"SystemCallFilter denies {sorted(calls & MOUNT_CALLS)}")
    mode, families = effective_list(values(a, "RestrictAddressFamilies"))
    if mode == "allow" and FAMILIES - families:
        errs.append(f"RestrictAddressFamilies lacks {sorted(FAMILIES - families)}")
    if mode == "deny" and families & FAMILIES:
        errs.append(f"RestrictAddressFamilies denies {sorted(families & FAMILIES)}")
    return errs

errs = errors(sys.argv[1])
print("\n".join(errs))
sys.exit(1 if errs else 0)
PY
SERVICE=$DEST$UNIT_DIR/mount-broker.service
out=$(python3 "$T/check_hardening.py" "$SERVICE") || fail "mount-broker.service: $out"
ok "the service keeps the capabilities its comment lists (CAP_FSETID among them), no MountFlags, no NoNewPrivileges, @mount and AF_UNIX/AF_INET/AF_INET6 allowed"

# The same check rejects each way of breaking it (so its silence above means something).
# broken SED_SCRIPT WHAT: the service edited by SED_SCRIPT must be rejected.
broken() {
  sed "$1" "$SERVICE" >"$T/broken.service"
  ! python3 "$T/check_hardening.py" "$T/broken.service" >"$T/broken.out" ||
    fail "the check accepts a service with $2"
}
broken '$a CapabilityBoundingSet=' "an empty CapabilityBoundingSet= after the list"
broken 's/^CapabilityBoundingSet=.*/CapabilityBoundingSet=~CAP_SYS_MODULE/' "a ~ CapabilityBoundingSet"
broken '/^CapabilityBoundingSet=/s/ CAP_FSETID//' "no CAP_FSETID"
broken '/^CapabilityBoundingSet=/s/ CAP_KILL//' "no CAP_KILL"
broken '$a MountFlags=slave' "MountFlags=slave"
broken '$a NoNewPrivileges=yes' "NoNewPrivileges=yes"
broken 's/^SystemCallFilter=.*/SystemCallFilter=@system-service/' "an allow-list SystemCallFilter without @mount"
broken '$a SystemCallFilter=~@mount' "@mount denied by a second SystemCallFilter"
broken 's/^RestrictAddressFamilies=.*/RestrictAddressFamilies=AF_UNIX AF_NETLINK/' "no AF_INET"
broken '$a RestrictAddressFamilies=~AF_INET6' "AF_INET6 removed by a second RestrictAddressFamilies"
broken '$a RestrictAddressFamilies=none' "RestrictAddressFamilies=none"
ok "the check rejects an empty or ~ CapabilityBoundingSet, a missing capability, MountFlags, NoNewPrivileges, a SystemCallFilter without @mount, a RestrictAddressFamilies without AF_INET6"

has mount-broker-sweep.service "Type=oneshot"
has mount-broker-sweep.service "ExecStart=$BINDIR/mountctl sweep"
has mount-broker-sweep-now.service "Type=oneshot"
has mount-broker-sweep-now.service "ExecStart=$BINDIR/mountctl sweep --now"
! directives mount-broker-sweep-now.service | grep -q '^\[Install\]' || fail "mount-broker-sweep-now.service has an [Install] section"
has mount-broker-sweep.timer "WantedBy=timers.target"
directives mount-broker-sweep.timer | grep -q '^OnBootSec=' || fail "the timer has no OnBootSec"
directives mount-broker-sweep.timer | grep -q '^OnUnitActiveSec=' || fail "the timer has no OnUnitActiveSec"
ok "the sweep is a oneshot mountctl sweep, started by a timer (OnBootSec, OnUnitActiveSec) enabled by timers.target"
