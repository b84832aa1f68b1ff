#!/usr/bin/env bash
# The demo: mount-broker on a built-in example, started on demand by a socket holder (the
# stand-in for launchd/systemd), answering, exiting when idle, and starting again.
# Installs what building needs and bindfs, and builds only the three programs it runs (not the
# tests). Runs in a private mount namespace (needs root), so nothing it mounts is visible
# outside or outlives it. MB_BUILD_DIR: the build directory (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${MB_BUILD_DIR:-build}
# Bold headings on a terminal only: a log or a pipe gets plain text.
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
targets=(mount-broker mountctl socket_holder)

build() {
  scripts/install-deps.sh --build-only
  command -v bindfs >/dev/null || {
    echo "install-deps: installing bindfs fuse3 (the demo's FUSE share)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends bindfs fuse3 >/dev/null
  }
  # A build directory that exists keeps its generator and options.
  [ -f "$B/CMakeCache.txt" ] || cmake -S . -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  # Say up front what a first build costs: the compile steps still to run, at roughly 8 s of
  # compiler time each (more on a loaded machine; ccache makes a rebuild much faster).
  local steps cores
  steps=$(cmake --build "$B" --target "${targets[@]}" -- -n 2>/dev/null | grep -c 'Building CXX') || true
  cores=$(nproc 2>/dev/null || echo 1)
  if [ "$steps" -gt 0 ]; then
    echo "Building ${targets[*]}: $steps files to compile, roughly $(( (steps * 8 / cores + 59) / 60 )) min on $cores cores."
  else
    echo "Building ${targets[*]}: already built."
  fi
  printf '$ cmake --build %s --target %s\n' "$B" "${targets[*]}"
  cmake --build "$B" --target "${targets[@]}" >"$B/demo-build.log" 2>&1 || {
    tail -n 40 "$B/demo-build.log" >&2
    exit 1
  }
}

if [ "${MB_DEMO_IN_NS:-}" != 1 ]; then
  build
  MB_DEMO_IN_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi

D=$(mktemp -d /tmp/mount-broker-demo.XXXXXX)
holder_pid=""
monitor_pid=""
cleanup() {
  [ -z "$monitor_pid" ] || { kill "$monitor_pid" 2>/dev/null; wait "$monitor_pid" 2>/dev/null || true; }
  [ -z "$holder_pid" ] || { kill "$holder_pid" 2>/dev/null; wait "$holder_pid" 2>/dev/null || true; }
  umount "$D/mnt/notes" 2>/dev/null || true
  umount -l "$D/mnt/scratch" 2>/dev/null || true
  for p in $(pgrep -f -- "bindfs $D/" || true); do kill "$p" 2>/dev/null || true; done
  rm -rf "$D"
}
trap cleanup EXIT

step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
run() { printf '$ %s\n' "$*"; "$@"; }
# This demo's brokers only (their command line names its config).
brokers() {
  for p in $(pgrep -x mount-broker || true); do
    # The process may end between pgrep and the read: the shell's own "No such file" for the
    # redirection is silenced with the braces, not by tr's 2>/dev/null.
    { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -qF -- "$D/" && printf '%s ' "$p"
  done
  return 0
}

mkdir -p "$D/mnt/notes" "$D/mnt/photos" "$D/mnt/scratch" "$D/srv/scratch"
echo "hello from the scratch share" >"$D/srv/scratch/README"
cat >"$D/config.toml" <<TOML
[broker]
state_dir = "$D/state"
idle_exit_sec = 3
admin_group = "root"

[[mount]]
name = "notes"
type = "command"
mountpoint = "$D/mnt/notes"
command = ["mount", "-t", "tmpfs", "demo-notes", "{mountpoint}"]
source = "demo-notes"

[[mount]]
name = "scratch"
type = "command"
mountpoint = "$D/mnt/scratch"
command = ["bindfs", "$D/srv/scratch", "{mountpoint}"]
source = "$D/srv/scratch"
probe_interval_sec = 1
auto_mount = false

[[mount]]
name = "photos"
type = "smb"
server = "nas.local"
share = "photos"
username = "alice"
credential = "file"
mountpoint = "$D/mnt/photos"
auto_mount = false  # no NAS here: listed, never mounted
TOML
export MOUNT_BROKER_SOCKET=$D/broker.sock

step "the config (a built-in example)"
cat "$D/config.toml"
run "$B/mount-broker" --check-config "$D/config.toml"

step "a socket holder owns $MOUNT_BROKER_SOCKET; no broker runs yet"
"$B/tests/socket_holder" --socket "$MOUNT_BROKER_SOCKET" --events "$D/events" -- \
  "$B/mount-broker" --config "$D/config.toml" 2>"$D/broker.log" &
holder_pid=$!
for _ in $(seq 100); do [ -S "$MOUNT_BROKER_SOCKET" ] && break; sleep 0.05; done
echo "mount-broker processes: [$(brokers)]"

step "someone mounted 'notes' by hand before the broker ever ran"
run mount -t tmpfs demo-notes "$D/mnt/notes"

step "cold start: the first command starts the broker, which reconciles and answers"
start=$(date +%s%N)
run "$B/mountctl" status
echo "(answered in $(( ($(date +%s%N) - start) / 1000000 )) ms, cold)"
run "$B/mountctl" version
run "$B/mountctl" mlist mounted
echo "mount-broker processes: [$(brokers)]"

step "nothing to do: the broker exits after idle_exit_sec (3 s)"
for _ in $(seq 100); do [ -z "$(brokers)" ] && break; sleep 0.1; done
echo "mount-broker processes: [$(brokers)]"

step "the next command starts a fresh instance"
run "$B/mountctl" version

step "mount a local share through bindfs (a FUSE helper) and show it healthy"
run "$B/mountctl" mount scratch --wait
run cat "$D/mnt/scratch/README"
run "$B/mountctl" probe scratch

step "a monitor watches from now on (as in another terminal; it keeps the broker while connected)"
echo '$ mountctl monitor &'
"$B/mountctl" monitor >"$D/monitor.log" 2>&1 &
monitor_pid=$!

step "the FUSE daemon dies (kill -9): every access now fails"
daemon=$(pgrep -f -- "bindfs $D/srv/scratch")
run kill -9 $daemon
printf '$ cat %s\n' "$D/mnt/scratch/README"
timeout 5 cat "$D/mnt/scratch/README" || true

step "the periodic sweep notices (definite failure), force-unmounts and remounts"
sleep 1  # probe_interval_sec = 1: a sweep skips a share probed more recently
run "$B/mountctl" sweep
run cat "$D/mnt/scratch/README"
run "$B/mountctl" status scratch

step "what the monitor printed meanwhile, and the metrics (also written to [broker] metrics_file)"
kill "$monitor_pid" 2>/dev/null || true
wait "$monitor_pid" 2>/dev/null || true
monitor_pid=""
cat "$D/monitor.log"
run "$B/mountctl" metrics

step "nothing left to do: the broker exits again; the new FUSE daemon stays"
for _ in $(seq 100); do [ -z "$(brokers)" ] && break; sleep 0.1; done
echo "mount-broker processes: [$(brokers)]"
echo "bindfs daemon: $(pgrep -f -- "bindfs $D/srv/scratch" | tr '\n' ' ')"
run cat "$D/mnt/scratch/README"
echo
echo "broker log:"
sed 's/^/  /' "$D/broker.log"
echo "instances started by the socket holder: $(grep -c '^launch' "$D/events")"
