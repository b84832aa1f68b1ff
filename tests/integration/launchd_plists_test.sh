#!/usr/bin/env bash
# The launchd jobs CMake generates from launchd/*.plist.in (on every OS; installed only on
# macOS) are valid property lists with the right keys and types, their socket is the one the
# code activates and the one it defaults to, and the programs they run are the binaries
# `cmake --install` puts in place (installed here into a DESTDIR).
. "$(dirname "$0")/lib.sh"
mb_setup

GEN=$MB_BIN/launchd
HPP=$MB_BIN/generated/util/build_config.hpp
[ -f "$HPP" ] || fail "no $HPP"
# What the code compiles in: the name launch_activate_socket() asks for, the default socket.
code_const() { sed -n "s/.*$1 = \"\\(.*\\)\";.*/\\1/p" "$HPP"; }
SOCKET_NAME=$(code_const kLaunchdSocketName)
SOCKET=$(code_const kDefaultSocket)
[ -n "$SOCKET_NAME" ] && [ -n "$SOCKET" ] || fail "cannot read the constants of $HPP"
cache() { sed -n "s/^$1:[A-Z]*=//p" "$MB_BIN/CMakeCache.txt"; }
PREFIX=$(cache CMAKE_INSTALL_PREFIX)
SBINDIR=$(cache CMAKE_INSTALL_SBINDIR)
case "$SBINDIR" in /*) ;; *) SBINDIR=$PREFIX/$SBINDIR ;; esac
BINDIR=$(cache CMAKE_INSTALL_BINDIR)
case "$BINDIR" in /*) ;; *) BINDIR=$PREFIX/$BINDIR ;; esac

for l in broker sweep netchange; do
  [ -f "$GEN/org.mount-broker.$l.plist" ] || fail "not generated: $GEN/org.mount-broker.$l.plist"
done
[ -z "$(grep -l '@[A-Z_]*@' "$GEN"/*.plist)" ] || fail "a placeholder was left in: $(grep -l '@[A-Z_]*@' "$GEN"/*.plist)"
ok "CMake generated the broker, sweep and network-change jobs, with every placeholder filled in"

# Each plist is parsed with plistlib (it raises on anything that is not a valid plist).
python3 - "$GEN" "$SOCKET_NAME" "$SOCKET" "$SBINDIR" "$BINDIR" <<'PY' || fail "the plists are not what launchd needs"
import glob, os, plistlib, sys
gen, socket_name, socket, sbindir, bindir = sys.argv[1:]
jobs = {}
for path in sorted(glob.glob(os.path.join(gen, "*.plist"))):
    with open(path, "rb") as f:
        job = plistlib.load(f)  # raises on anything that is not a valid plist
    label = os.path.basename(path)[: -len(".plist")]
    assert job.get("Label") == label, f"{path}: Label {job.get('Label')!r} is not the file's name"
    jobs[label] = job
assert set(jobs) == {"org.mount-broker.broker", "org.mount-broker.sweep",
                     "org.mount-broker.netchange"}, sorted(jobs)

def typed(job, key, kind):
    assert key in job, f"{job['Label']}: {key} missing"
    v = job[key]
    # bool is a subclass of int in Python: an <integer> must not be a <true/>.
    assert isinstance(v, kind) and not (kind is int and isinstance(v, bool)), \
        f"{job['Label']}: {key} is {type(v).__name__}, expected {kind.__name__}"
    return v

def absent(job, *keys):
    for k in keys:
        assert k not in job, f"{job['Label']}: {k} must not be set"

# mountctl is in bin (every user's PATH), the broker in sbin.
mountctl = [os.path.join(bindir, "mountctl"), "sweep"]

b = jobs["org.mount-broker.broker"]
assert typed(b, "ProgramArguments", list) == [os.path.join(sbindir, "mount-broker")], b["ProgramArguments"]
sockets = typed(b, "Sockets", dict)
assert list(sockets) == [socket_name], f"Sockets names {list(sockets)}, the code activates {socket_name!r}"
listener = sockets[socket_name]
assert isinstance(listener, dict), "the socket entry must be a dict (one socket)"
assert typed(listener, "SockPathName", str) == socket, f"SockPathName {listener['SockPathName']!r} != {socket!r}"
assert typed(listener, "SockPathMode", int) == 0o666, oct(listener["SockPathMode"])
absent(b, "RunAtLoad", "KeepAlive", "StartInterval", "WatchPaths")
throttle = typed(b, "ThrottleInterval", int)
assert 1 <= throttle <= 15, f"ThrottleInterval {throttle} exceeds the default idle_exit_sec (15)"
assert typed(b, "ExitTimeOut", int) > 30, "ExitTimeOut must exceed mount_timeout_sec (30 s)"
assert typed(b, "AbandonProcessGroup", bool) is True
assert os.path.isabs(typed(b, "StandardErrorPath", str))

s = jobs["org.mount-broker.sweep"]
assert typed(s, "ProgramArguments", list) == mountctl, s["ProgramArguments"]
assert typed(s, "StartInterval", int) == 60
assert typed(s, "RunAtLoad", bool) is True
absent(s, "Sockets", "KeepAlive")

n = jobs["org.mount-broker.netchange"]
# A network change retries at once what failed for want of a network (the retry slot ignored).
assert typed(n, "ProgramArguments", list) == mountctl + ["--now"], n["ProgramArguments"]
watch = typed(n, "WatchPaths", list)
assert watch and all(isinstance(p, str) and os.path.isabs(p) for p in watch), watch
absent(n, "Sockets", "KeepAlive", "StartInterval", "RunAtLoad")
for job in (s, n):
    assert os.path.isabs(typed(job, "StandardErrorPath", str))
PY
ok "the plists parse; Labels match file names; keys and types are right; SockPathMode is 0666"
ok "the Sockets entry is \"$SOCKET_NAME\" (what the code activates) at $SOCKET (the compiled-in default)"

# The programs they name are the installed binaries.
DEST=$T/root
DESTDIR=$DEST cmake --install "$MB_BIN" >"$T/install.log" 2>&1 || fail "cmake --install failed: $(tail -5 "$T/install.log")"
args=$(python3 -c '
import glob, plistlib, sys
for p in sorted(glob.glob(sys.argv[1] + "/*.plist")):
    print(plistlib.load(open(p, "rb"))["ProgramArguments"][0])' "$GEN" | sort -u)
for prog in $args; do
  [ -x "$DEST$prog" ] || fail "$prog (named by a plist) was not installed"
  cmp -s "$DEST$prog" "$MB_BIN/$(basename "$prog")" || fail "$DEST$prog is not the built $(basename "$prog")"
done
ok "ProgramArguments name the installed binaries: $(echo $args)"
