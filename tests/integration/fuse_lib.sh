# Shared by the FUSE (bindfs) integration tests; sourced after lib.sh and mb_setup. bindfs
# daemons are not our children (they daemonize into their own session), so they are found by
# their argv and ended by PID; the cleanup trap ends them whatever happened.

# bindfs daemons of this test (their argv names paths under $T).
fuse_daemons() {
  local p
  for p in $(pgrep -x bindfs || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$T/" && echo "$p"
  done
  return 0
}
no_fuse_daemons() { [ -z "$(fuse_daemons)" ]; }
# The bindfs daemon serving mount point $1 (an exact argv element).
daemon_for() {
  local p
  for p in $(fuse_daemons); do
    tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | grep -qxF -- "$1" && echo "$p"
  done
  return 0
}
# Gone, or a zombie nobody has reaped yet (daemons are reparented away from us).
dead() {
  local s
  s=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null) || return 0
  [ -z "$s" ] || [ "$s" = Z ]
}
alive() { ! dead "$1"; }
# Ends every daemon of this test: a stopped one is continued first so it can die.
end_fuse_daemons() {
  local p
  for p in $(fuse_daemons); do kill -CONT "$p" 2>/dev/null; kill -KILL "$p" 2>/dev/null; done
  wait_until 5 no_fuse_daemons || echo "cleanup: bindfs still running: $(fuse_daemons)" >&2
}
_fuse_cleanup() {
  local rc=$?
  set +e
  # Whatever happened: no daemon of ours stays stopped (or alive) after the test.
  for p in $(broker_pids); do kill -KILL "$p" 2>/dev/null; done
  end_fuse_daemons
  (exit $rc)
  _mb_cleanup
}
trap _fuse_cleanup EXIT

mounted_at() { awk -v m="$1" '$5 == m {found=1} END {exit !found}' /proc/self/mountinfo; }
not_mounted_at() { ! mounted_at "$1"; }
# field JSON NAME KEY: one field of one mount in `mountctl --json status` output.
field() {
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); m=[x for x in d["mounts"] if x["name"]==sys.argv[2]][0]; print(m[sys.argv[3]])' "$1" "$2" "$3"
}
status_of() { field "$(mstatus --json)" "$1" "$2"; }
# sweep_item JSON NAME KEY: one field of one mount in `mountctl --json sweep` output.
sweep_item() {
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); v=[x for x in d["mounts"] if x["name"]==sys.argv[2]][0][sys.argv[3]]; print(str(v).lower() if isinstance(v, bool) else v)' "$1" "$2" "$3"
}
