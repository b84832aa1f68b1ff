#!/usr/bin/env bash
# The installed units under a real systemd 252 as PID 1 (systemd-nspawn over this machine's
# /usr, fresh /etc and /var, a network namespace of its own): `cmake --install` into a DESTDIR
# that is bound over /usr/local, so systemd loads the generated units from
# /usr/local/lib/systemd/system, exactly where the install puts them. Shows:
# - `systemctl enable --now` of the socket and the timer starts no broker; `mountctl status`
#   does (`version` says systemd); after idle_exit_sec the service is inactive (dead), not
#   failed, and is not restarted;
# - the timer (a drop-in shortens it) runs a sweep that mounts an auto_mount bindfs share and
#   an SMB share (rclone, against smbd started in the container) under the unit's real
#   hardening: the FUSE daemons carry the unit's capability bounding set and seccomp filter,
#   and the mounts are in PID 1's mount table, outside the service;
# - `systemctl stop mount-broker.socket` while the broker runs stops it; started again, the
#   state is the same and the shares still work (KillMode=process kept their daemons);
# - journald gets each line's level (`journalctl -p`), and `-p warning` shows exactly the
#   warnings the run provokes: a refused request and systemd's left-over-process notes;
# - the NetworkManager dispatcher script and the systemd-sleep hook, run as NetworkManager and
#   systemd-sleep run them, start a sweep --now that retries a failed share at once.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nspawn_lib.sh"
. "$(dirname "$0")/samba_fixture.sh"
MOUNTCTL_I=/usr/local/bin/mountctl

# ---------------------------------------------------------------- inside the container
ictl() { timeout 30 "$MOUNTCTL_I" "$@"; }
prop() { systemctl show -p "$2" --value "$1"; }
broker_running() { pgrep -x mount-broker >/dev/null; }
no_broker() { ! broker_running; }
service_dead() { [ "$(prop mount-broker.service ActiveState)/$(prop mount-broker.service SubState)" = inactive/dead ]; }
in_pid1_table() { awk -v m="$1" -v t="$2" '$5 == m { for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == t) f = 1; break } } END { exit !f }' /proc/1/mountinfo; }
both_mounted() { in_pid1_table /mnt/data fuse && in_pid1_table /mnt/smb fuse.rclone; }
json_field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print([m for m in d["mounts"] if m["name"]==sys.argv[2]][0][sys.argv[3]])' "$@"; }

# What systemd says about the units, for a failure message.
diag() {
  systemctl status --no-pager mount-broker-sweep.timer mount-broker-sweep.service mount-broker.service 2>&1 | tail -n 40
  journalctl -u mount-broker -u mount-broker-sweep --no-pager -o short-monotonic | tail -n 40
}

# The capability bounding set CapabilityBoundingSet= names, as /proc/PID/status prints it.
cap_mask() {
  python3 - "$1" <<'PY'
import sys
bits = {"CAP_CHOWN": 0, "CAP_DAC_OVERRIDE": 1, "CAP_DAC_READ_SEARCH": 2, "CAP_FOWNER": 3,
        "CAP_FSETID": 4, "CAP_KILL": 5, "CAP_SETGID": 6, "CAP_SETUID": 7,
        "CAP_NET_BIND_SERVICE": 10, "CAP_SYS_PTRACE": 19, "CAP_SYS_ADMIN": 21}
mask = 0
for name in sys.argv[1].split():
    mask |= 1 << bits[name.upper()]
print(f"{mask:016x}")
PY
}
# The FUSE daemon of a mount ran under the broker unit's sandbox: in its cgroup, with its
# capability bounding set and a seccomp filter.
under_hardening() {
  local pid=$1 what=$2 want
  want=$(cap_mask "$(prop mount-broker.service CapabilityBoundingSet)")
  grep -q 'mount-broker.service' "/proc/$pid/cgroup" || fail "$what (pid $pid) is not in mount-broker.service: $(cat "/proc/$pid/cgroup")"
  assert_eq "$(awk '/^CapBnd:/ {print $2}' "/proc/$pid/status")" "$want" "$what's capability bounding set"
  assert_eq "$(awk '/^Seccomp:/ {print $2}' "/proc/$pid/status")" 2 "$what's seccomp mode (2: filter)"
}

inside_setup() {
  mb_setup
  unset MOUNT_BROKER_SOCKET # the compiled-in /run/mount-broker.sock, as systemd makes it
  smb_install_cleanup
  # What cmake --install put outside /usr/local (the config and credentials directories).
  cp -a /inside/root/etc/mount-broker /etc/
  mkdir -p /srv/data /mnt/data /mnt/smb /var/cache/mbtest-rclone
  echo "bindfs data" >/srv/data/file
  smb_setup
  smb_start
  # A directory below the share: rclone then logs on when it starts, so a mount with the
  # server down fails (at the share's root it would mount and fail each access instead).
  mkdir -p "$SMB_SHARE_DIR/data"
  chmod 0777 "$SMB_SHARE_DIR/data"
  echo "smb data" >"$SMB_SHARE_DIR/data/file"
  chmod 0666 "$SMB_SHARE_DIR/data/file"
  rclone_conf /etc/mount-broker/rclone.conf
  cat >/etc/mount-broker/config.toml <<EOF
[broker]
idle_exit_sec = 3
log_level = "debug"
admin_group = "root"

[[mount]]
name = "data"
type = "command"
mountpoint = "/mnt/data"
command = ["bindfs", "/srv/data", "{mountpoint}"]
source = "/srv/data"
auto_mount = true

[[mount]]
name = "smb"
type = "command"
mountpoint = "/mnt/smb"
command = ["rclone", "mount", "--config", "/etc/mount-broker/rclone.conf", "remote:$SMB_SHARE/data", "{mountpoint}", "--cache-dir", "/var/cache/mbtest-rclone", "--low-level-retries", "1", "--contimeout", "2s"]
source = "remote:$SMB_SHARE/data"
auto_mount = true
mount_timeout_sec = 20
# A failure waits an hour for its retry slot: only sweep --now (the hooks) retries it sooner.
failed_retry_sec = 3600
EOF
}

inside() {
  inside_setup
  systemctl enable --now mount-broker.socket mount-broker-sweep.timer >"$T/enable.log" 2>&1 ||
    fail "systemctl enable --now failed: $(cat "$T/enable.log")"
  assert_eq "$(prop mount-broker.socket ActiveState)" active "the socket after enable --now"
  assert_eq "$(prop mount-broker-sweep.timer ActiveState)" active "the timer after enable --now"
  [ -S /run/mount-broker.sock ] || fail "no socket at /run/mount-broker.sock"
  service_dead || fail "the service runs before any client: $(prop mount-broker.service ActiveState)"
  no_broker || fail "a broker process runs before any client"
  ok "enable --now of the socket and the timer: both active, /run/mount-broker.sock exists, no broker"

  out=$(ictl version) || fail "mountctl version: $out"
  assert_contains "$out" "systemd" "version's activation"
  assert_eq "$(prop mount-broker.service ActiveState)" active "the service after the first client"
  # Exit 1: data is wanted and not mounted before the first sweep; status says so.
  ictl status >/dev/null || [ $? = 1 ] || fail "mountctl status failed"
  in_pid1_table /mnt/data fuse && fail "data was mounted before any sweep"
  ok "mountctl version activates the broker through the socket: $out"

  wait_until 20 service_dead || fail "the broker did not exit when idle: $(prop mount-broker.service ActiveState)"
  assert_eq "$(prop mount-broker.service Result)" success "the service's result after the idle exit"
  assert_eq "$(prop mount-broker.service NRestarts)" 0 "restarts"
  first=$(prop mount-broker.service InvocationID)
  # A restart loop would start it again within a second or two: watch for 3 s.
  deadline=$((SECONDS + 3))
  while [ $SECONDS -lt $deadline ]; do
    service_dead && no_broker || fail "the service came back without a client"
    sleep 0.2
  done
  assert_eq "$(prop mount-broker.service InvocationID)" "$first" "the invocation after the idle exit"
  ok "after idle_exit_sec the service is inactive (dead), result success, no restart in 3 s"

  # ---- the timer: a drop-in shortens it; the sweep mounts both shares under the hardening
  mkdir -p /etc/systemd/system/mount-broker-sweep.timer.d
  # An empty OnUnitActiveSec= resets every timer of the unit (OnBootSec too): then the new ones.
  printf '[Timer]\nOnUnitActiveSec=\nOnActiveSec=1s\nOnUnitActiveSec=5s\nAccuracySec=1s\n' \
    >/etc/systemd/system/mount-broker-sweep.timer.d/test.conf
  systemctl daemon-reload
  systemctl restart mount-broker-sweep.timer
  wait_until 40 both_mounted || fail "the timer's sweep did not mount both shares: $(grep /mnt/ /proc/1/mountinfo) $(diag)"
  sweep_logged() { journalctl -u mount-broker-sweep.service -o cat | grep -q '^sweep took'; }
  wait_until 20 sweep_logged || fail "the sweep service logged no table: $(diag)"
  assert_eq "$(cat /mnt/data/file)" "bindfs data" "a file read through the bindfs mount"
  assert_eq "$(timeout 10 cat /mnt/smb/file)" "smb data" "a file read through the SMB mount"
  under_hardening "$(pgrep -x bindfs)" bindfs
  under_hardening "$(pgrep -x rclone)" rclone
  ok "the timer's sweep mounted data (bindfs) and smb (rclone against smbd) in PID 1's mount table, their daemons under the unit's capability set and seccomp filter"

  # ---- stop the socket while a broker runs; start it again: nothing lost
  before=$(ictl --json status) || fail "status before the stop: $before"
  broker_running || fail "no broker runs after the status"
  systemctl stop mount-broker.socket
  service_dead || fail "stopping the socket left the service $(prop mount-broker.service ActiveState)"
  no_broker || fail "a broker runs after the socket was stopped"
  [ ! -e /run/mount-broker.sock ] || fail "the socket file is left after the stop (RemoveOnStop)"
  both_mounted || fail "the shares went away with the broker"
  systemctl start mount-broker.socket
  after=$(ictl --json status) || fail "status after the start: $after"
  for m in data smb; do
    for k in state desired since recoveries mountpoint; do
      assert_eq "$(json_field "$after" $m $k)" "$(json_field "$before" $m $k)" "$m: $k across the socket stop"
    done
  done
  assert_eq "$(json_field "$after" data state)" mounted "data's state"
  assert_eq "$(cat /mnt/data/file)" "bindfs data" "bindfs after the stop"
  assert_eq "$(timeout 10 cat /mnt/smb/file)" "smb data" "smb after the stop"
  ok "systemctl stop of the socket stops the broker; started again, state and shares are as before"

  # ---- journald: levels and exactly the expected warnings
  out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$MOUNTCTL_I" sweep 2>&1) &&
    fail "a sweep by nobody was allowed: $out"
  wait_until 20 service_dead || fail "the broker did not exit when idle at the end"
  journalctl --sync
  journalctl -u mount-broker.service -o cat >"$T/journal.all"
  journalctl -u mount-broker.service -o cat -p warning >"$T/journal.warn"
  # Normalised: pids and durations differ from run to run.
  norm() { sed -E 's/[0-9]+/N/g' "$1" | sort -u; }
  cat >"$T/expected.warn" <<'EOF'
mount-broker.service: Found left-over process N (bindfs) in control group while starting unit. Ignoring.
mount-broker.service: Found left-over process N (rclone) in control group while starting unit. Ignoring.
This usually indicates unclean termination of a previous run, or service implementation deficiencies.
client uid N pid N: sweep refused: "sweep" changes the broker's state: it needs root or membership in the group "root"
EOF
  diff <(norm "$T/journal.warn") <(sort -u "$T/expected.warn") >"$T/warn.diff" ||
    fail "journalctl -u mount-broker -p warning is not exactly the expected warnings: $(cat "$T/warn.diff")"
  ok "journalctl -u mount-broker -p warning shows exactly the refused sweep and systemd's left-over-process notes"
  grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' "$T/journal.all" &&
    fail "a broker line carries its own timestamp under journald: $(grep -Em1 '^[0-9]{4}-' "$T/journal.all")"
  journalctl -u mount-broker.service -o cat -p debug..debug | grep -q '^client uid 0 pid' ||
    fail "no debug line at priority 7"
  journalctl -u mount-broker.service -o cat -p info..info | grep -q '^started: systemd' ||
    fail "no info line at priority 6"
  ok "under journald the lines carry no second timestamp; debug is priority 7, info 6, warning 4"
  # One activation, for people reading the test's output.
  id=$(journalctl -u mount-broker.service -o json | python3 -c 'import json,sys
for l in sys.stdin:
    d = json.loads(l)
    if d.get("MESSAGE", "").startswith("started: systemd"): print(d["_SYSTEMD_INVOCATION_ID"]); break')
  journalctl -o short-iso-precise _SYSTEMD_INVOCATION_ID="$id" + UNIT=mount-broker.service INVOCATION_ID="$id" >/inside/activation.txt 2>&1 || true

  hooks
}

# The SMB share fails for want of its server (a network error), its retry an hour away; the
# server comes back; a plain sweep leaves the share failed (its slot holds).
smb_fails() {
  ictl unmount smb >/dev/null || fail "unmount smb"
  smb_stop
  ictl mount smb --wait >"$T/mount.out" 2>&1 && fail "smb mounted with its server down"
  # status exits 1 while a wanted mount is unhealthy: here one is, on purpose
  st=$(ictl --json status) || [ $? = 1 ] || fail "status with smb down: $st"
  assert_eq "$(json_field "$st" smb state)" failed "smb with its server down"
  assert_eq "$(json_field "$st" smb error_class)" network "the class of smb's failure"
  [ "$(json_field "$st" smb next_attempt_at)" -gt $(($(date +%s) + 3000)) ] ||
    fail "smb's retry is not an hour away: $st"
  smb_restart
  ictl sweep >/dev/null && fail "a plain sweep found everything healthy"
  assert_eq "$(json_field "$(ictl --json status)" smb state)" failed "smb after a plain sweep"
}
smb_mounted() { in_pid1_table /mnt/smb fuse.rclone && [ "$(json_field "$(ictl --json status)" smb state)" = mounted ]; }
sweep_now_runs() { journalctl -u mount-broker-sweep-now.service -o cat | grep -c '^sweep took' || true; }

# The NetworkManager dispatcher script and the systemd-sleep hook, as cmake --install put them,
# run the way NetworkManager and systemd-sleep run them: a sweep --now that mounts the share at
# once; the actions that gain nothing (down, pre) start no sweep.
hooks() {
  local nm=/inside/root/etc/NetworkManager/dispatcher.d/90-mount-broker
  local sleep_hook=/inside/root/usr/lib/systemd/system-sleep/mount-broker
  [ -x "$nm" ] && [ -x "$sleep_hook" ] || fail "cmake --install did not install the hooks"
  smb_fails
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEVICE_IFACE=eth0 "$nm" eth0 down || fail "the dispatcher script failed on down"
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin CONNECTIVITY_STATE=LIMITED "$nm" "" connectivity-change ||
    fail "the dispatcher script failed on connectivity-change"
  assert_eq "$(prop mount-broker-sweep-now.service ExecMainStartTimestampMonotonic)" 0 "sweep-now after down"
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEVICE_IFACE=eth0 CONNECTION_ID=wired "$nm" eth0 up ||
    fail "the dispatcher script failed on up"
  wait_until 30 smb_mounted || fail "the dispatcher script's sweep did not mount smb: $(journalctl -u mount-broker-sweep-now -o cat | tail)"
  assert_eq "$(timeout 10 cat /mnt/smb/file)" "smb data" "smb after the network came up"
  ok "NetworkManager's dispatcher (eth0 up) starts mount-broker-sweep-now, which mounts the failed share an hour before its slot; down does nothing"

  smb_fails
  local before
  before=$(sweep_now_runs)
  "$sleep_hook" pre suspend || fail "the sleep hook failed on pre"
  assert_eq "$(prop mount-broker-sweep-now.service ActiveState)" inactive "sweep-now after pre suspend"
  "$sleep_hook" post suspend || fail "the sleep hook failed on post"
  wait_until 30 smb_mounted || fail "the sleep hook's sweep did not mount smb: $(journalctl -u mount-broker-sweep-now -o cat | tail)"
  wait_until 10 eval '[ "$(sweep_now_runs)" -gt "$before" ]' || fail "no sweep-now table in the journal"
  ok "the systemd-sleep hook (post suspend) starts the same sweep --now and the share is mounted; pre does nothing"
}

if [ "${MB_IN_NSPAWN:-}" = 1 ]; then
  inside
  exit 0
fi

# ---------------------------------------------------------------- on the host
mb_setup
nspawn_skip_unless_usable
command -v bindfs >/dev/null || { echo "SKIP: bindfs is not installed"; exit 0; }
DESTDIR=$T/inside/root cmake --install "$MB_BIN" >"$T/install.log" 2>&1 ||
  fail "cmake --install failed: $(tail -5 "$T/install.log")"
[ -f "$T/inside/root/usr/local/lib/systemd/system/mount-broker.socket" ] ||
  fail "this build does not install its units under /usr/local (configure with the default prefix)"
nspawn_run yes 120 --bind-ro="$T/inside/root/usr/local:/usr/local"
echo "--- the journal of one activation"
cat "$T/inside/activation.txt"
