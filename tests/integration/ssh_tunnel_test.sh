#!/usr/bin/env bash
# An SMB share reachable only through an SSH tunnel, end to end with real parts: a server
# network namespace (a veth pair to the test's own private one) runs sshd (own config, host
# key and authorized_keys, generated here) on 10.231.0.2:22 and smbd on ITS loopback only, so
# the client side can reach the share through `ssh -N -L` and no other way. The mount is
# `rclone mount` (smb backend) with tunnel = "ssh://root@10.231.0.2", its {server} and {port}
# rewritten to the tunnel's loopback end. Shows: the mount works through the tunnel and the
# tunnel (its own session) outlives the broker activation; killing the recorded ssh makes the
# next sweep see it and recover tunnel and mount together; unmount leaves no ssh; a lost
# mount (its FUSE daemon gone) has its tunnel ended at the next activation; a wrong key,
# an unknown host key and a gateway that refuses fail at once, classified (auth, config,
# network), with no ssh left behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/samba_fixture.sh"
smb_in_private_net "$@"
mb_setup
command -v /usr/sbin/sshd >/dev/null || fail "sshd is not installed (openssh-server)"

GW=10.231.0.2
NS_PID=
SSHD_PID=
MADE_PRIVSEP=0

# ssh processes of this test (their argv names a key under $T), not zombies.
tunnel_pids() {
  local p s
  for p in $(pgrep -x ssh 2>/dev/null); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$T/" || continue
    s=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$p/stat" 2>/dev/null) || continue
    [ -n "$s" ] && [ "$s" != Z ] && echo "$p"
  done
  return 0
}
no_tunnel() { [ -z "$(tunnel_pids)" ]; }
gone() { ! kill -0 "$1" 2>/dev/null || [ "$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

tunnel_cleanup() {
  local rc=$?
  set +e
  for p in $(broker_pids); do kill -KILL "$p" 2>/dev/null; done
  for p in $(tunnel_pids); do kill -KILL "$p" 2>/dev/null; done
  smb_cleanup
  [ -n "$SSHD_PID" ] && stop_bg "$SSHD_PID"
  # The server namespace goes with its last process.
  [ -n "$NS_PID" ] && stop_bg "$NS_PID"
  [ "$MADE_PRIVSEP" = 1 ] && rmdir /run/sshd 2>/dev/null
  (exit $rc)
  _mb_cleanup
}
trap tunnel_cleanup EXIT

# ---- the server side: a network namespace of its own, linked to ours by a veth pair
start_bg unshare -n sleep 300
NS_PID=$BG_PID
other_net() { [ "$(readlink "/proc/$NS_PID/ns/net")" != "$(readlink /proc/self/ns/net)" ]; }
wait_until 5 other_net || fail "the server network namespace did not appear"
in_ns() { nsenter -t "$NS_PID" -n "$@"; }
ip link add mbtun0 type veth peer name mbtun1 netns "$NS_PID" || fail "cannot create the veth pair"
ip addr add 10.231.0.1/24 dev mbtun0 && ip link set mbtun0 up || fail "client side of the link"
in_ns ip link set lo up && in_ns ip addr add "$GW/24" dev mbtun1 && in_ns ip link set mbtun1 up ||
  fail "server side of the link"

# smbd in the server namespace, on its loopback only (smb.conf: interfaces = 127.0.0.1).
smb_setup
DATA=$SMB_SHARE_DIR/data
mkdir -p "$DATA"
chmod 0777 "$DATA"
token="through the tunnel $RANDOM"
echo "$token" >"$DATA/hello.txt"
smb_ready_ns() {
  kill -0 "$SMB_PID" 2>/dev/null && in_ns ss -Hltn "( sport = :$SMB_PORT )" | grep -q . &&
    timeout 5 nsenter -t "$NS_PID" -n smbclient -s "$SMB_CONF" -p "$SMB_PORT" -A "$SMB_AUTH" \
      "//127.0.0.1/$SMB_SHARE" -c ls
}
start_bg nsenter -t "$NS_PID" -n smbd --foreground -s "$SMB_CONF" >>"$T/smbd.log" 2>&1
SMB_PID=$BG_PID
wait_until 20 smb_ready_ns || fail "smbd did not serve the share in the server namespace"

# sshd in the server namespace: key-based only, forwarding to smbd and nothing else.
SSHD_DIR=$T/sshd
mkdir -p "$SSHD_DIR"
ssh-keygen -q -t ed25519 -N '' -C host -f "$SSHD_DIR/host_key"
ssh-keygen -q -t ed25519 -N '' -C tunnel -f "$T/tunnel_key"
ssh-keygen -q -t ed25519 -N '' -C wrong -f "$T/wrong_key"
echo "restrict,port-forwarding,permitopen=\"127.0.0.1:$SMB_PORT\" $(cat "$T/tunnel_key.pub")" \
  >"$SSHD_DIR/authorized_keys"
echo "$GW $(cat "$SSHD_DIR/host_key.pub")" >"$T/known_hosts"
: >"$T/empty_known_hosts"
cat >"$SSHD_DIR/sshd_config" <<EOF
ListenAddress $GW:22
HostKey $SSHD_DIR/host_key
PidFile $SSHD_DIR/sshd.pid
AuthorizedKeysFile $SSHD_DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AllowTcpForwarding local
StrictModes no
EOF
if [ ! -d /run/sshd ]; then install -d -m 0755 /run/sshd && MADE_PRIVSEP=1; fi
start_bg nsenter -t "$NS_PID" -n /usr/sbin/sshd -D -e -f "$SSHD_DIR/sshd_config" 2>>"$T/sshd.log"
SSHD_PID=$BG_PID
sshd_ready() { in_ns ss -Hltn "( sport = :22 )" | grep -q .; }
wait_until 10 sshd_ready || fail "sshd did not listen on $GW:22"

# The share is out of the client's reach except through the tunnel.
reachable() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
reachable "$GW" "$SMB_PORT" && fail "smbd is reachable from the client side at $GW:$SMB_PORT"
reachable 127.0.0.1 "$SMB_PORT" && fail "something answers on the client's 127.0.0.1:$SMB_PORT"
ok "smbd (port $SMB_PORT) is reachable only inside the server namespace; sshd listens on $GW:22"

# ---- the broker's mount: rclone's config points at a port where nothing listens (9), so only
# the tunnel's {server}:{port} on the command line can make it work. --devname keeps the
# source as configured (flags that override a remote's settings rename it in the table).
RCONF=$T/rclone.conf
rclone_conf "$RCONF" "$SMB_PASS" 9
MNT=$T/mnt/share
mkdir -p "$MNT" "$T/rclone-cache"
mount_config() {
  write_config \
    '[[mount]]' 'name = "share"' 'type = "command"' "mountpoint = \"$MNT\"" 'server = "127.0.0.1"' \
    "command = [\"rclone\", \"mount\", \"--config\", \"$RCONF\", \"remote:$SMB_SHARE/data\", \"{mountpoint}\", \"--smb-host\", \"{server}\", \"--smb-port\", \"{port}\", \"--devname\", \"remote:$SMB_SHARE/data\", \"--dir-cache-time\", \"0s\", \"--contimeout\", \"2s\", \"--cache-dir\", \"$T/rclone-cache\"]" \
    "source = \"remote:$SMB_SHARE/data\"" \
    "tunnel = \"ssh://root@${3:-$GW}\"" "tunnel_identity = \"$1\"" "tunnel_known_hosts = \"$2\"" \
    "tunnel_port = $SMB_PORT" \
    'probe_interval_sec = 1' 'probe_timeout_sec = 3' 'recover_backoff_sec = [1, 2, 3]' \
    'failed_retry_sec = 2' 'mount_timeout_sec = 15'
}
mount_config "$T/tunnel_key" "$T/known_hosts"
start_holder

state_field() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([m for m in d["mounts"] if m["name"]=="share"][0][sys.argv[2]])' \
    "$STATE/state.json" "$1"
}
status_field() { field "$(mstatus --json)" share "$1"; }
field() {
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print([x for x in d["mounts"] if x["name"]==sys.argv[2]][0][sys.argv[3]])' "$1" "$2" "$3"
}
mounted() { awk -v m="$MNT" '$5 == m {found=1} END {exit !found}' /proc/self/mountinfo; }
not_mounted() { ! mounted; }

# ---- mount through the tunnel
out=$(mctl mount share --wait) || fail "mount --wait failed: $out"
mounted || fail "nothing mounted at $MNT"
assert_eq "$(timeout 10 cat "$MNT/hello.txt")" "$token" "a file on the server, read through the mount"
TPID=$(state_field tunnel_pid)
TPORT=$(state_field tunnel_port)
[ "$TPID" -gt 0 ] || fail "no tunnel pid in state.json"
assert_eq "$(tunnel_pids)" "$TPID" "the test's ssh processes"
cmdline=$(tr '\0' ' ' <"/proc/$TPID/cmdline")
assert_contains "$cmdline" "-L 127.0.0.1:$TPORT:127.0.0.1:$SMB_PORT" "the tunnel's forward"
assert_contains "$cmdline" "BatchMode=yes" "ssh never prompts"
assert_contains "$cmdline" "StrictHostKeyChecking=yes" "ssh never trusts an unknown host"
assert_eq "$(ps -o sid= -p "$TPID" | tr -d ' ')" "$TPID" "the tunnel's session"
ok "mount --wait mounts the share through ssh pid $TPID (its own session) on 127.0.0.1:$TPORT"

wait_until 15 no_broker_running || fail "the broker did not exit when idle"
gone "$TPID" && fail "the tunnel did not outlive the broker activation"
assert_eq "$(status_field state)" mounted "state after the broker exited"
sleep 1.1 # the next sweep's probe is due (probe_interval_sec = 1)
sweep=$(mctl sweep 2>&1) || fail "sweep with the tunnel up is not healthy: $sweep"
assert_contains "$sweep" "probed" "what the sweep did with the tunnel up"
assert_eq "$(state_field tunnel_pid)" "$TPID" "the tunnel after a healthy sweep"
ok "the tunnel outlives the broker activation; a sweep finds the tunnelled mount healthy"

# ---- the tunnel dies: the next sweep sees it and recovers tunnel and mount together
kill -KILL "$TPID"
wait_until 5 gone "$TPID" || fail "ssh $TPID survived SIGKILL"
sleep 1.1
sweep=$(mctl sweep 2>&1) || true
echo "sweep after the tunnel died: $sweep"
assert_contains "$sweep" "recover" "what the sweep did with the tunnel dead"
wait_until 10 grep -q "tunnel: its ssh process (pid $TPID) is gone" "$T/broker.log" ||
  fail "the broker never reported the dead tunnel"
recovered() {
  sleep 1.1
  mctl sweep >/dev/null 2>&1 &&
    [ "$(state_field tunnel_pid)" != "$TPID" ] && [ "$(state_field tunnel_pid)" != 0 ]
}
wait_until 30 recovered || fail "no recovery within 30 s of the tunnel's death: $(mstatus)"
NEW_TPID=$(state_field tunnel_pid)
assert_eq "$(tunnel_pids)" "$NEW_TPID" "ssh processes after the recovery"
assert_eq "$(timeout 10 cat "$MNT/hello.txt")" "$token" "data after the recovery"
[ "$(status_field recoveries)" -ge 1 ] || fail "no recovery counted"
ok "ssh killed: the next sweep reports the dead tunnel; tunnel and mount recovered (ssh $NEW_TPID)"

# ---- unmount ends the tunnel
out=$(mctl unmount share) || fail "unmount failed: $out"
wait_until 5 not_mounted || fail "still mounted after unmount"
wait_until 5 no_tunnel || fail "ssh left after unmount: $(tunnel_pids)"
assert_eq "$(state_field tunnel_pid)" 0 "tunnel pid after unmount"
ok "mountctl unmount leaves no ssh process"

# ---- a lost mount: its FUSE daemon ends (rclone unmounts on SIGTERM); the next activation
# finds the mount gone and ends its tunnel.
out=$(mctl mount share --wait) || fail "second mount failed: $out"
TPID=$(state_field tunnel_pid)
wait_until 15 no_broker_running || fail "the broker did not exit when idle"
rclone_kill_all
wait_until 10 not_mounted || fail "the mount stayed after rclone ended"
alive_tunnel() { ! gone "$TPID"; }
alive_tunnel || fail "the tunnel died with rclone; nothing left to test"
mstatus >/dev/null
wait_until 5 gone "$TPID" || fail "the lost mount's tunnel (ssh $TPID) still runs"
assert_eq "$(status_field finding)" lost "finding after rclone ended"
assert_eq "$(state_field tunnel_pid)" 0 "tunnel pid after the mount was lost"
ok "a lost mount's tunnel is ended at the next activation (ssh $TPID gone)"
mctl unmount share >/dev/null 2>&1 || true
wait_until 15 no_broker_running || fail "the broker did not exit when idle"
no_tunnel || fail "ssh left: $(tunnel_pids)"

# ---- a wrong key, an unknown host key, a gateway that refuses: a classified failure at
# once, no hang, no ssh left
try_mount() {
  local t0=$SECONDS rc=0
  out=$(mctl mount share --wait 2>&1) || rc=$?
  [ "$rc" != 0 ] || fail "mount with $1 succeeded"
  [ $((SECONDS - t0)) -le 10 ] || fail "mount with $1 took $((SECONDS - t0)) s"
  wait_until 5 no_tunnel || fail "ssh left after the failed mount with $1: $(tunnel_pids)"
  not_mounted || fail "mounted with $1"
}
mount_config "$T/wrong_key" "$T/known_hosts"
try_mount "a wrong key"
assert_eq "$(status_field error_class)" auth "error class with a wrong key"
assert_contains "$(status_field last_error)" "Permission denied" "last_error with a wrong key"
ok "a key the gateway refuses: mount fails at once, class auth, no ssh left"

wait_until 15 no_broker_running || fail "the broker did not exit when idle"
mount_config "$T/tunnel_key" "$T/empty_known_hosts"
try_mount "an unknown host key"
assert_eq "$(status_field error_class)" config "error class with an unknown host key"
assert_contains "$(status_field last_error)" "Host key verification failed" \
  "last_error with an unknown host key"
ok "an unknown host key is never accepted: mount fails at once, class config, no ssh left"

wait_until 15 no_broker_running || fail "the broker did not exit when idle"
mount_config "$T/tunnel_key" "$T/known_hosts" "$GW:2222"
try_mount "a gateway port where nothing listens"
assert_eq "$(status_field error_class)" network "error class with the gateway refusing"
assert_contains "$(status_field last_error)" "Connection refused" "last_error with the gateway refusing"
ok "a gateway that refuses the connection: mount fails at once, class network (retried), no ssh left"
