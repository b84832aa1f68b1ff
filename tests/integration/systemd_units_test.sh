#!/usr/bin/env bash
# The systemd units CMake generates from systemd/*.in, as `cmake --install` installs them,
# pass `systemd-analyze verify` without a word, and say what the issue asks of them.
#
# verify checks that ExecStart= programs exist and that Documentation= man pages resolve,
# at the paths the units name (the real install paths, e.g. /usr/local/sbin). So the test
# installs into a DESTDIR and, in its private mount namespace, bind-mounts the DESTDIR's
# sbin over the real one, and points MANPATH at the DESTDIR's man pages: verify then sees
# exactly the installed files at exactly the paths they name. (--root= would instead need a
# whole systemd tree, sysinit.target and all, in the root.)
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup

command -v systemd-analyze >/dev/null || fail "systemd-analyze is not installed"
layout() { sed -n "s/^$1=//p" "$MB_BIN/install-paths.txt"; }
UNIT_DIR=$(layout systemd_unit_dir)
SBINDIR=$(layout sbindir)
[ -n "$UNIT_DIR" ] || fail "this build does not install systemd units (MB_INSTALL_SYSTEMD_UNITS)"
HPP=$MB_BIN/generated/util/build_config.hpp
SOCKET=$(sed -n 's/.*kDefaultSocket = "\(.*\)";.*/\1/p' "$HPP")
MANDIR=$(layout mandir)

DEST=$T/root
DESTDIR=$DEST cmake --install "$MB_BIN" >"$T/install.log" 2>&1 || fail "cmake --install failed: $(tail -5 "$T/install.log")"
UNITS=(mount-broker.socket mount-broker.service mount-broker-sweep.service mount-broker-sweep.timer)
paths=()
for u in "${UNITS[@]}"; do
  [ -f "$DEST$UNIT_DIR/$u" ] || fail "$u was not installed into $UNIT_DIR"
  cmp -s "$DEST$UNIT_DIR/$u" "$MB_BIN/systemd/$u" || fail "the installed $u differs from the generated one"
  ! grep -q '@[A-Z_]*@' "$DEST$UNIT_DIR/$u" || fail "$u: a placeholder was left: $(grep '@[A-Z_]*@' "$DEST$UNIT_DIR/$u")"
  paths+=("$DEST$UNIT_DIR/$u")
done
ok "cmake --install put the four generated units into $UNIT_DIR"

[ -d "$SBINDIR" ] || fail "$SBINDIR does not exist on this machine, so it cannot be bind-mounted over"
mount --bind "$DEST$SBINDIR" "$SBINDIR" || fail "cannot bind-mount the installed $SBINDIR"
[ -x "$SBINDIR/mount-broker" ] && [ -x "$SBINDIR/mountctl" ] || fail "the bind mount shows no binaries"
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
caps=$(directives mount-broker.service | sed -n 's/^CapabilityBoundingSet=//p')
for c in CAP_SYS_ADMIN CAP_SYS_PTRACE; do
  [ -z "$caps" ] || grep -qw "$c" <<<"$caps" || fail "CapabilityBoundingSet lacks $c"
done
ok "the service runs the installed broker, has no [Install], KillMode=process, no namespace, device or capability option that stops mounting"

has mount-broker-sweep.service "Type=oneshot"
has mount-broker-sweep.service "ExecStart=$SBINDIR/mountctl sweep"
has mount-broker-sweep.timer "WantedBy=timers.target"
directives mount-broker-sweep.timer | grep -q '^OnBootSec=' || fail "the timer has no OnBootSec"
directives mount-broker-sweep.timer | grep -q '^OnUnitActiveSec=' || fail "the timer has no OnUnitActiveSec"
ok "the sweep is a oneshot mountctl sweep, started by a timer (OnBootSec, OnUnitActiveSec) enabled by timers.target"
