#!/usr/bin/env bash
# Group commit of state.json. A sweep that probes 60 healthy bindfs mounts changes 60 records
# (each probe's time) but writes state.json a few times, one write per batch, not once per
# probe result; its answer comes only once state.json holds every probe it reports. Then a
# broker is SIGKILLed at the moment one of its batched writes renames the new file into
# place, at several points of a sweep: the next broker finds a parseable state.json that
# still has every mount, mounted and wanted, and no temp file is left.
# Writes are counted with inotify (each one renames a new state.json into place), not timed.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
command -v strace >/dev/null || fail "strace is not installed"
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

N=60
lines=()
for i in $(seq $N); do
  mkdir -p "$T/src/$i" "$T/mnt/$i"
  echo "$i" >"$T/src/$i/file"
  lines+=('[[mount]]' "name = \"m$i\"" 'type = "command"' "mountpoint = \"$T/mnt/$i\""
    "command = [\"bindfs\", \"$T/src/$i\", \"{mountpoint}\"]" "source = \"$T/src/$i\"")
done
IDLE_EXIT=30 write_config '[defaults]' 'probe_interval_sec = 1' 'probe_timeout_sec = 10' "${lines[@]}"

# state_check: state.json parses, has every mount wanted and mounted, and (with an argument)
# every probe at or after that unix time. Prints what is wrong.
state_check() {
  python3 - "$STATE/state.json" "$N" "${1:-0}" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n, since = int(sys.argv[2]), int(sys.argv[3])
m = {r["name"]: r for r in d["mounts"]}
bad = [f"m{i}" for i in range(1, n + 1)
       if f"m{i}" not in m or m[f"m{i}"]["desired"] != "mounted" or m[f"m{i}"]["phase"] != "mounted"
       or m[f"m{i}"].get("last_probe_at", 0) < since]
if bad:
    sys.exit(f"{len(bad)} mounts not as expected, e.g. {bad[0]}: {m.get(bad[0])}")
PY
}
all_mounted() { [ "$(awk -v d="$T/mnt/" 'index($5, d) == 1' /proc/self/mountinfo | wc -l)" = "$N" ]; }
state_renames() { grep -cx 'state.json' "$T/renames" 2>/dev/null || true; }
temps() { find "$STATE" -maxdepth 1 -name '.state.json.tmp-*' -printf '%f\n'; }
seconds_passed() { [ "$(date +%s)" -ge "$1" ]; }

# A line in $T/renames for every file renamed into the state directory (inotify IN_MOVED_TO).
mkdir -p "$STATE"
start_bg python3 -c '
import ctypes, os, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.inotify_init()
if fd < 0 or libc.inotify_add_watch(fd, sys.argv[1].encode(), 0x80) < 0:
    sys.exit("inotify: " + os.strerror(ctypes.get_errno()))
with open(sys.argv[2], "a") as out:
    print("watching", file=out, flush=True)
    while True:
        buf = os.read(fd, 65536)
        while buf:
            _, _, _, n = struct.unpack_from("iIII", buf)
            print(buf[16:16 + n].rstrip(b"\0").decode(), file=out, flush=True)
            buf = buf[16 + n:]
' "$STATE" "$T/renames"
watching() { grep -qx watching "$T/renames" 2>/dev/null; }
wait_until 10 watching || fail "the inotify watcher did not start"
start_bg "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$SOCK" 2>>"$T/broker.log"
FIRST=$BG_PID
wait_until 10 socket_exists || fail "the broker did not listen"
mctl sweep >/dev/null || fail "the first sweep (mounting all $N) failed"
wait_until 30 all_mounted || fail "not every share is mounted"
ok "a sweep mounts $N bindfs shares"

t0=$(date +%s)
wait_until 5 seconds_passed $((t0 + 2)) || fail "the clock stands still"  # every probe is due
before=$(state_renames)
start=$(date +%s)
out=$(mctl --json sweep) || fail "the probing sweep failed: $out"
writes=$(($(state_renames) - before))
probed=$(grep -o '"action": "probed"' <<<"$out" | wc -l)
assert_eq "$probed" "$N" "mounts the sweep probed"
err=$(state_check "$start" 2>&1) || fail "the sweep answered before state.json held its probes: $err"
ok "the sweep's answer came after state.json held all $N probes"
[ "$writes" -ge 1 ] && [ "$writes" -le $((N / 2)) ] ||
  fail "$N probe results took $writes writes of state.json (expected batches: 1 to $((N / 2)))"
ok "$N probe results were written in $writes batched writes of state.json"
stop_bg "$FIRST"

# killed_at_write K: a broker SIGKILLed at its Kth rename (not done), during a probing sweep.
killed_at_write() {
  local t
  t=$(date +%s)
  wait_until 5 seconds_passed $((t + 2)) || fail "the clock stands still"
  (
    exec 2>>"$T/broker.log"
    timeout 60 strace -f -qq -o /dev/null \
      -e inject=rename,renameat,renameat2:error=EIO:signal=KILL:when="$1" \
      "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$SOCK" --idle-exit 2 &
    wait_until 10 socket_exists || exit 3
    timeout 30 "$MOUNTCTL" --socket "$SOCK" sweep >/dev/null 2>&1
    wait
  ) || true
  rm -f "$SOCK"
  wait_until 10 no_broker_running || fail "a killed broker is still running"
}
for k in 1 2 3; do
  killed_at_write "$k"
  # The next broker: removes the temp file, finds every mount as it was.
  start_bg "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$SOCK" 2>>"$T/broker.log"
  next=$BG_PID
  wait_until 10 socket_exists || fail "the next broker did not listen"
  mctl status >/dev/null || fail "status after the kill at write $k failed"
  err=$(state_check 2>&1) || fail "after a kill at write $k: $err"
  [ -z "$(temps)" ] || fail "temp files left after the kill at write $k: $(temps)"
  stop_bg "$next"
  rm -f "$SOCK"
  ok "killed at batched write $k of a sweep: state.json is whole, every mount wanted and mounted"
done
all_mounted || fail "a share was lost"
ok "all $N shares are still mounted"
