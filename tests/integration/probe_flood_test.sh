#!/usr/bin/env bash
# An unprivileged flood of probes against hung shares (their bindfs daemons SIGSTOPped), with
# max_parallel_probes = 2: 16 parallel `mountctl probe` from nobody and another uid never run
# more than 2 root `--internal probe` children at once (sampled in /proc), requests for one
# mount share its probe, every client gets a timeout result in bounded time, one uid cannot
# start probes of more than 2 mounts at once, and nobody's probes move no mount.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
mb_setup
chmod 0755 "$T"  # let nobody reach the socket
. "$(dirname "$0")/fuse_lib.sh"

PROBE_TIMEOUT=2
MOUNTS=(h1 h2 h3 h4)
bindfs_mount() {
  printf '%s\n' '[[mount]]' "name = \"$1\"" 'type = "command"' "mountpoint = \"$T/mnt/$1\"" \
    "command = [\"bindfs\", \"$T/src/$1\", \"{mountpoint}\"]" "source = \"$T/src/$1\"" \
    "probe_timeout_sec = $PROBE_TIMEOUT"
}
for n in "${MOUNTS[@]}"; do mkdir -p "$T/src/$n" "$T/mnt/$n"; done
IDLE_EXIT=30 write_config 'max_parallel_probes = 2' \
  "$(bindfs_mount h1)" "$(bindfs_mount h2)" "$(bindfs_mount h3)" "$(bindfs_mount h4)"
start_holder
for n in "${MOUNTS[@]}"; do mctl mount "$n" --wait >/dev/null || fail "mount $n --wait"; done
for n in "${MOUNTS[@]}"; do
  d=$(daemon_for "$T/mnt/$n")
  [ -n "$d" ] || fail "no daemon for $n"
  kill -STOP "$d"  # the cleanup trap continues and ends it
done
ok "four bindfs shares mounted, their daemons stopped"

probe_children() { { pgrep -f -- "--internal probe $T/" || true; } | wc -l; }
as() { local who=$1; shift; setpriv --reuid="$who" --regid=nogroup --clear-groups \
  timeout 30 "$MOUNTCTL" --socket "$SOCK" --json "$@"; }

# ---- 16 parallel probes: nobody 8 × h1 and 4 × h2, uid 4242 4 × h3
start=$SECONDS
clients=()
for i in $(seq 16); do
  if [ "$i" -le 8 ]; then who=nobody m=h1; elif [ "$i" -le 12 ]; then who=nobody m=h2; else who=4242 m=h3; fi
  start_bg as "$who" probe "$m" >"$T/probe.$i" 2>"$T/probe.$i.err"
  clients+=("$BG_PID")
done
max=0
running() { local p; for p in "${clients[@]}"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
refused_h4=""
deadline=$((SECONDS + 25))
while running; do
  [ $SECONDS -lt $deadline ] || fail "clients still waiting after 25 s"
  n=$(probe_children)
  [ "$n" -gt "$max" ] && max=$n
  if [ -z "$refused_h4" ] && [ "$n" -ge 2 ]; then
    # nobody's probes of h1 and h2 run: a third mount is one too many for that uid.
    h4_rc=0
    refused_h4=$(as nobody probe h4 2>&1) || h4_rc=$?
  fi
  sleep 0.02
done
took=$((SECONDS - start))
for p in "${clients[@]}"; do wait "$p" || true; done
forget_bg "${clients[@]}"
echo "at most $max probe children at once; all 16 clients answered in ${took} s"
[ "$max" -le 2 ] || fail "$max probe children ran at once (max_parallel_probes = 2)"
[ "$max" -ge 1 ] || fail "no probe child was ever seen"
ok "16 parallel unprivileged probes ran at most $max children at once (limit 2)"
[ -n "$refused_h4" ] || fail "the per-uid cap was never tried"
assert_eq "$h4_rc" 8 "exit status of nobody's probe of a third mount ($refused_h4)"
assert_contains "$refused_h4" busy "the refusal names the code"
ok "nobody may not start a probe of a third mount while two of its own run"

for i in $(seq 16); do
  out=$(cat "$T/probe.$i")
  outcome=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["outcome"], d["detail"])' "$out") ||
    fail "client $i got no probe result: $out $(cat "$T/probe.$i.err")"
  assert_contains "$outcome" "ambiguous timed out after $PROBE_TIMEOUT s" "client $i"
done
# h1/h2 first (one round), then h3 (a second): each round is the probe deadline, its kill grace
# and abandon window, and slack.
[ "$took" -le $((2 * (PROBE_TIMEOUT + 2) + 4)) ] || fail "the clients took $took s"
ok "every client got a timeout result (${took} s)"

json=$(mstatus --json) || fail "status failed"
for n in "${MOUNTS[@]}"; do assert_eq "$(field "$json" "$n" state)" mounted "state of $n"; done
ok "unprivileged probes moved no mount"

# A second flood within the reuse window starts no child at all.
clients2=()
for i in 1 2 3 4; do start_bg as nobody probe h1 >"$T/again.$i"; clients2+=("$BG_PID"); done
for p in "${clients2[@]}"; do wait "$p" || true; done
forget_bg "${clients2[@]}"
assert_eq "$(probe_children)" 0 "probe children after a repeated flood"
assert_contains "$(cat "$T/again.1")" "timed out after $PROBE_TIMEOUT s" "a reused result"
ok "probes repeated within a few seconds are answered from the last result"
