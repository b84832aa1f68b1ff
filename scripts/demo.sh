#!/usr/bin/env bash
# The demo: mount-broker on a built-in example, started on demand by a socket holder (the
# stand-in for launchd/systemd), answering, exiting when idle, and starting again.
# Installs dependencies and builds first. Runs in a private mount namespace (needs root),
# so nothing it mounts is visible outside or outlives it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${MB_DEMO_IN_NS:-}" != 1 ]; then
  scripts/install-deps.sh
  scripts/build.sh
  MB_DEMO_IN_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi

B=${MB_BUILD_DIR:-build}
D=$(mktemp -d /tmp/mount-broker-demo.XXXXXX)
holder_pid=""
cleanup() {
  [ -z "$holder_pid" ] || { kill "$holder_pid" 2>/dev/null; wait "$holder_pid" 2>/dev/null || true; }
  umount "$D/mnt/notes" 2>/dev/null || true
  umount -l "$D/mnt/scratch" 2>/dev/null || true
  for p in $(pgrep -f -- "bindfs $D/" || true); do kill "$p" 2>/dev/null || true; done
  rm -rf "$D"
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
# This demo's brokers only (their command line names its config).
brokers() {
  for p in $(pgrep -x mount-broker || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$D/" && printf '%s ' "$p"
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

step "the FUSE daemon dies (kill -9): every access now fails"
daemon=$(pgrep -f -- "bindfs $D/srv/scratch")
run kill -9 $daemon
printf '$ cat %s\n' "$D/mnt/scratch/README"
timeout 5 cat "$D/mnt/scratch/README" || true

step "the periodic sweep notices (definite failure), force-unmounts and remounts"
sleep 1  # probe_interval_sec = 1: a sweep skips a share probed more recently
run "$B/mountctl" sweep
run cat "$D/mnt/scratch/README"
echo "recoveries: $("$B/mountctl" --json status | sed 's/.*"name": "scratch"[^}]*"recoveries": \([0-9]*\).*/\1/')"

step "nothing left to do: the broker exits again; the new FUSE daemon stays"
for _ in $(seq 100); do [ -z "$(brokers)" ] && break; sleep 0.1; done
echo "mount-broker processes: [$(brokers)]"
echo "bindfs daemon: $(pgrep -f -- "bindfs $D/srv/scratch" | tr '\n' ' ')"
run cat "$D/mnt/scratch/README"
echo
echo "broker log:"
sed 's/^/  /' "$D/broker.log"
echo "instances started by the socket holder: $(grep -c '^launch' "$D/events")"
