# shellcheck shell=bash
# Runs a test under a real systemd as PID 1: systemd-nspawn boots this machine's own /usr (read
# only) with a fresh /etc and /var (--volatile=yes), or the whole machine behind a throwaway
# overlay (VOLATILE "overlay", for dpkg), in a network namespace of its own (only lo), and
# runs the calling test script inside it as the unit mb-test.service. Source it after lib.sh:
#
#   if [ "${MB_IN_NSPAWN:-}" = 1 ]; then inside; exit; fi      # the part that runs in there
#   mb_setup; nspawn_skip_unless_usable; ...; nspawn_run yes 90 --bind-ro=...
#
# Inside, MB_BIN and MB_SRC are the same paths (bound read-only), /inside is $T/inside of the
# host (read-write: results, the install tree), and the script's stdout and stderr go to
# /inside/test.log, which nspawn_run prints. The container powers off when the script ends;
# every process and mount in it ends with it, so nothing can leak onto the machine.

# The unit that runs the test inside, and powers the container off when it is done (also on a
# timeout, through FailureAction).
_nspawn_unit() {
  local limit=$1 script=$2
  cat <<EOF
[Unit]
Description=mount-broker integration test, inside the container
SuccessAction=poweroff
FailureAction=poweroff
[Service]
Type=oneshot
Environment=MB_IN_NSPAWN=1 MB_BIN=$MB_BIN MB_SRC=$MB_SRC
ExecStart=/bin/bash -c 'bash $script; echo \$? >/inside/rc'
StandardOutput=file:/inside/test.log
StandardError=inherit
TimeoutStartSec=$limit
EOF
}

# nspawn_boot VOLATILE LIMIT SCRIPT [NSPAWN OPTIONS...]: boots the container, runs SCRIPT (with
# MB_IN_NSPAWN=1) as mb-test.service for at most LIMIT seconds, waits for the power-off.
# nspawn's own output goes to $T/nspawn.log.
nspawn_boot() {
  local volatile=$1 limit=$2 script=$3
  shift 3
  mkdir -p "$T/inside"
  rm -f "$T/inside/rc" "$T/inside/test.log"
  _nspawn_unit "$limit" "$script" >"$T/inside/mb-test.service"
  # A fresh /etc lacks the alternatives that name /usr/bin/awk and friends: the machine's.
  local extra=() wrap=() dir=/
  [ "$volatile" = yes ] && extra=(--bind-ro=/etc/alternatives)
  if [ "$volatile" = overlay ]; then
    # nspawn refuses --volatile=overlay for the machine's own root, so the overlay is made
    # here: / below, a tmpfs above, mounted in a mount namespace of nspawn's own (no one else
    # sees it; it ends with nspawn, and every write with it).
    mkdir -p "$T/overlay" "$T/root"
    wrap=(unshare -m --propagation private bash -c 'mount -t tmpfs -o mode=0755 mb-overlay "$1" &&
      mkdir "$1/upper" "$1/work" &&
      mount -t overlay mb-overlay -o "lowerdir=/,upperdir=$1/upper,workdir=$1/work" "$2" &&
      shift 2 && exec "$@"' overlay "$T/overlay" "$T/root")
    dir=$T/root volatile=no
  fi
  # --keep-unit --register=no: no machined, no scope of its own (ctest's cgroup holds it all).
  # The container's PID 1 is stopped by nspawn on SIGTERM (timeout), killed 10 s later.
  timeout -k 10 $((limit + 30)) "${wrap[@]}" systemd-nspawn -D "$dir" --volatile="$volatile" --register=no \
    --keep-unit -q --private-network --bind="$T/inside:/inside" --bind-ro="$MB_SRC" \
    --bind-ro="$MB_BIN" --bind=/dev/fuse --property=DeviceAllow='/dev/fuse rwm' \
    --bind-ro="$T/inside/mb-test.service:/etc/systemd/system/mb-test.service" "$@" \
    "${extra[@]}" -b -- --unit=mb-test.service systemd.firstboot=off >"$T/nspawn.log" 2>&1
}

# Skips the test (exit 0, one line) where a systemd container cannot boot here: not root, no
# systemd-nspawn, no /dev/fuse, or a trial boot that does not run its unit (no privileges to
# make namespaces, no cgroup2 delegation, ...).
nspawn_skip_unless_usable() {
  local why=""
  if [ "$(id -u)" != 0 ]; then
    why="needs root"
  elif ! command -v systemd-nspawn >/dev/null; then
    why="systemd-nspawn is not installed (apt-get install systemd-container)"
  elif [ ! -c /dev/fuse ]; then
    why="no /dev/fuse"
  elif [ ! -x /lib/systemd/systemd ]; then
    why="no systemd in /lib/systemd/systemd to boot"
  else
    mkdir -p "$T/inside"
    printf '#!/bin/bash\necho booted >/inside/trial\n' >"$T/inside/trial.sh"
    nspawn_boot yes 20 /inside/trial.sh || true
    [ "$(cat "$T/inside/trial" 2>/dev/null)" = booted ] ||
      why="a trial boot of systemd-nspawn did not run its unit: $(grep -m1 -v '^$' "$T/nspawn.log" || echo 'no output')"
  fi
  [ -z "$why" ] || { echo "SKIP: systemd as PID 1 in a container: $why"; exit 0; }
}

# nspawn_run VOLATILE LIMIT [NSPAWN OPTIONS...]: runs the calling test script inside the
# container; prints what it printed; fails unless it exited 0.
nspawn_run() {
  local volatile=$1 limit=$2
  shift 2
  local script
  script=$(readlink -f "$0")
  nspawn_boot "$volatile" "$limit" "$script" "$@" || true
  # No log at all (the unit never ran) is reported below, with what nspawn said.
  [ ! -f "$T/inside/test.log" ] || sed 's/^/inside: /' "$T/inside/test.log"
  local rc
  rc=$(cat "$T/inside/rc" 2>/dev/null) ||
    fail "the test inside the container did not finish in $limit s; nspawn said: $(tail -n 20 "$T/nspawn.log")"
  [ "$rc" = 0 ] || fail "the test inside the container failed (exit $rc)"
  _mb_checks=$((_mb_checks + $(grep -c '^ok: ' "$T/inside/test.log" || true)))
}
