# shellcheck shell=bash
# A private Samba server for integration tests: smbd started by hand on 127.0.0.1 on a free
# non-default port, with its own smb.conf, passdb and private/state/cache/lock/pid dirs under
# $T/samba. /etc/samba and the system's Samba state are never read for the server's data or
# written. Source it after lib.sh and mb_setup:
#
#   . "$(dirname "$0")/lib.sh"; . "$(dirname "$0")/samba_fixture.sh"
#   mb_setup; smb_setup; smb_start
#
# The SMB user is the existing Unix account "nobody" (no system change: only this instance's
# passdb learns a password for it). Its password ($SMB_PASS) is random per test and never on a
# command line: smbpasswd reads it on stdin, smbclient from an auth file (-A), rclone obscure
# from stdin. Never print it.
#
# smbd runs in the foreground WITHOUT --no-process-group: it then makes itself a session and
# process group leader, and every smbd it forks (notifyd, cleanupd, one per client) stays in
# that group with the same command line, so the helpers below can signal exactly this
# instance (by its process group and by the -s CONF on the command line), never others.
#
# Also here: rclone helpers (a config for the smb backend, the rclone processes of this test),
# and a fault rig: smb_in_private_net runs the whole test in a network namespace of its own
# (only lo, up), where smb_drop makes the link half-open (every packet to and from smbd
# dropped by nftables, no RST) without touching the machine's network.
#
# SMB_FRUIT=1 before smb_setup serves the share with the Apple extensions
# (vfs objects = catia fruit streams_xattr, from samba-vfs-modules), as Mac-friendly servers do.

SMB_USER=nobody
SMB_SHARE=share
SMB_PID=

# smb_setup [PORT]: dirs, smb.conf, a passdb user with a fresh random password. PORT: a
# given port (e.g. one a test wants closed first); default: a free one from 4450 + 0..1999.
smb_setup() {
  SMB_DIR=$T/samba
  SMB_CONF=$SMB_DIR/smb.conf
  SMB_SHARE_DIR=$SMB_DIR/share
  SMB_AUTH=$SMB_DIR/private/smbclient.auth
  SMB_PASS="Smb-$RANDOM$RANDOM-pw"
  SMB_PORT=${1:-$(smb_free_port)}
  mkdir -p "$SMB_DIR"/{private,state,cache,lock,pid,log,ncalrpc} "$SMB_SHARE_DIR"
  # smbd serves the share as the Unix user nobody: it must be able to reach the share dir.
  # $T and $SMB_DIR only become traversable (not listable); private/ stays root-only.
  chmod 0711 "$T" "$SMB_DIR"
  chmod 0700 "$SMB_DIR"/{private,state,cache,lock,pid,log,ncalrpc}
  chmod 0777 "$SMB_SHARE_DIR"
  _smb_write_conf
  printf '%s\n%s\n' "$SMB_PASS" "$SMB_PASS" |
    smbpasswd -c "$SMB_CONF" -s -a "$SMB_USER" >"$SMB_DIR/log/smbpasswd.out" 2>&1 ||
    fail "smbpasswd could not add $SMB_USER to the test passdb (see $SMB_DIR/log/smbpasswd.out)"
  (umask 077; printf 'username = %s\npassword = %s\ndomain = MBTEST\n' "$SMB_USER" "$SMB_PASS" >"$SMB_AUTH")
}

_smb_write_conf() {
  cat >"$SMB_CONF" <<EOF
[global]
  netbios name = MBTEST
  workgroup = MBTEST
  server role = standalone server
  interfaces = 127.0.0.1
  bind interfaces only = yes
  smb ports = $SMB_PORT
  disable netbios = yes
  server min protocol = SMB2_10
  private dir = $SMB_DIR/private
  state directory = $SMB_DIR/state
  cache directory = $SMB_DIR/cache
  lock directory = $SMB_DIR/lock
  pid directory = $SMB_DIR/pid
  ncalrpc dir = $SMB_DIR/ncalrpc
  log file = $SMB_DIR/log/log.%m
  max log size = 0
  # auth_audit:2 logs every authentication with its NT status (tests count logon attempts).
  log level = 1 auth_audit:2
  passdb backend = tdbsam:$SMB_DIR/private/passdb.tdb
  map to guest = never
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  obey pam restrictions = no
  unix password sync = no
  rpc start on demand helpers = no
[$SMB_SHARE]
  path = $SMB_SHARE_DIR
  read only = no
  guest ok = no
  valid users = $SMB_USER
EOF
  if [ "${SMB_FRUIT:-0}" = 1 ]; then
    printf '  vfs objects = catia fruit streams_xattr\n  fruit:metadata = stream\n' >>"$SMB_CONF"
  fi
}

# smb_in_private_net "$@": first thing in a test (instead of in_private_mount_ns): re-runs the
# script in a new network namespace and a private mount namespace. Only lo exists there; it is
# brought up. unshare --net, not `ip netns exec`: the latter also makes a mount namespace of
# its own per command, which would hide the test's FUSE mounts from its other commands.
smb_in_private_net() {
  if [ "${MB_IN_PRIVATE_NET:-}" != 1 ]; then
    MB_IN_PRIVATE_NET=1 MB_IN_PRIVATE_NS=1 exec unshare -m -n --propagation private bash "$0" "$@"
  fi
  ip link set lo up || fail "cannot bring lo up in the test's network namespace"
}

# smb_drop: a half-open link. Every TCP packet to or from smbd's port is dropped, no RST: a
# client's calls wait instead of failing. smb_undrop lifts it. Only in smb_in_private_net, so
# the rule can never reach the machine's own firewall.
smb_drop() {
  [ "${MB_IN_PRIVATE_NET:-}" = 1 ] || fail "smb_drop needs smb_in_private_net"
  nft -f - <<EOF || fail "nft could not add the drop rule"
table inet mbtest_drop {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport $SMB_PORT drop
    tcp sport $SMB_PORT drop
  }
}
EOF
}
smb_undrop() {
  [ "${MB_IN_PRIVATE_NET:-}" = 1 ] || return 0
  nft delete table inet mbtest_drop 2>/dev/null || true
}

_smb_port_in_use() { [ -n "$(ss -Hltn "( sport = :$1 )" 2>/dev/null)" ]; }

# A TCP port on which nothing listens now (4450..6449).
smb_free_port() {
  local p
  for _ in $(seq 200); do
    p=$((4450 + RANDOM % 2000))
    _smb_port_in_use "$p" || { echo "$p"; return 0; }
  done
  fail "no free port found in 4450..6449"
}

# Every live process of this instance: its process group plus anything running smbd with this
# -s CONF (the forks keep smbd's command line). Zombies have no command line and are skipped.
smb_pids() {
  local p
  {
    [ -n "$SMB_PID" ] && pgrep -g "$SMB_PID" 2>/dev/null
    for p in $(pgrep -f -- "$SMB_CONF" 2>/dev/null); do
      [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = /usr/sbin/smbd ] && echo "$p"
    done
  } | sort -un
  return 0
}
smb_no_pids() { [ -z "$(smb_pids)" ]; }

# smb_signal SIG: SIG to every process of this instance (the group first, then stragglers).
smb_signal() {
  local sig=$1 p
  [ -n "$SMB_PID" ] && kill -"$sig" -- "-$SMB_PID" 2>/dev/null
  for p in $(smb_pids); do kill -"$sig" "$p" 2>/dev/null || true; done
  return 0
}

# Ready: this instance listens on the port, and an authenticated tree connect works.
smb_ready() {
  [ -n "$SMB_PID" ] && kill -0 "$SMB_PID" 2>/dev/null || return 1
  ss -Hltnp "( sport = :$SMB_PORT )" 2>/dev/null | grep -q "pid=$SMB_PID," || return 1
  timeout 5 smbclient -s "$SMB_CONF" -p "$SMB_PORT" -A "$SMB_AUTH" "//127.0.0.1/$SMB_SHARE" \
    -c 'ls' >/dev/null 2>&1
}

# smb_start: starts smbd (after smb_setup) and waits until it serves the share. If the port was
# taken meanwhile (another test), picks another one, up to 3 times, unless SMB_FIXED_PORT=1.
smb_start() {
  for _ in 1 2 3; do
    start_bg smbd --foreground -s "$SMB_CONF" >>"$T/smbd.log" 2>&1
    SMB_PID=$BG_PID
    if wait_until 20 smb_ready; then
      echo "smbd pid $SMB_PID on 127.0.0.1:$SMB_PORT"
      return 0
    fi
    smb_stop
    [ "${SMB_FIXED_PORT:-0}" = 1 ] && break
    SMB_PORT=$(smb_free_port)
    _smb_write_conf
  done
  fail "smbd did not become ready on 127.0.0.1:$SMB_PORT"
}

# smb_stop: ends this instance (SIGCONT first, in case it was stopped; SIGTERM; SIGKILL after
# 5 s), reaps the main process and waits (bounded) until no process of it is left.
smb_stop() {
  [ -n "$SMB_PID" ] || return 0
  smb_signal CONT
  smb_signal TERM
  wait_until 5 smb_no_pids || smb_signal KILL
  wait_until 5 smb_no_pids || echo "smb_stop: smbd processes left: $(smb_pids)" >&2
  stop_bg "$SMB_PID"
  SMB_PID=
}

# smb_kill9: SIGKILL to every process of this instance at once: the server dies without a
# goodbye, clients see their connections reset.
smb_kill9() {
  [ -n "$SMB_PID" ] || return 0
  smb_signal KILL
  wait_until 5 smb_no_pids || fail "smbd processes survive SIGKILL: $(smb_pids)"
  stop_bg "$SMB_PID"
  SMB_PID=
}

# smb_restart: a new smbd on the same port, same passdb and share.
smb_restart() { SMB_FIXED_PORT=1 smb_start; }

smb_sigstop() { smb_signal STOP; }
smb_sigcont() { smb_signal CONT; }

# How many logons this instance refused with a wrong password (auth_audit lines).
smb_failed_logons() {
  local n
  n=$(cat "$SMB_DIR"/log/log.* 2>/dev/null | grep -c 'NT_STATUS_WRONG_PASSWORD') || true
  echo "${n:-0}"
}

# ---- rclone (smb backend)

# rclone_conf FILE [PASSWORD [PORT]]: an rclone config (mode 0600) with remote "remote" of
# type smb for this instance; the password is obscured with `rclone obscure -` (stdin).
rclone_conf() {
  local file=$1 pass=${2-$SMB_PASS} port=${3:-$SMB_PORT} obscured
  obscured=$(printf '%s\n' "$pass" | rclone obscure -) || fail "rclone obscure failed"
  (umask 077; printf '[remote]\ntype = smb\nhost = 127.0.0.1\nport = %s\nuser = %s\npass = %s\n' \
    "$port" "$SMB_USER" "$obscured" >"$file")
}

# rclone processes of this test (their command line names a file or dir under $T).
rclone_pids() {
  local p
  for p in $(pgrep -x rclone 2>/dev/null); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$T/" && echo "$p"
  done
  return 0
}
no_rclone() { [ -z "$(rclone_pids)" ]; }

# Ends the rclone daemons left by detached mounts (by PID; SIGTERM, then SIGKILL after 5 s).
rclone_kill_all() {
  local pids
  pids=$(rclone_pids)
  [ -n "$pids" ] || return 0
  kill -TERM $pids 2>/dev/null || true
  # shellcheck disable=SC2046  # one PID per word
  wait_until 5 no_rclone || kill -KILL $(rclone_pids) 2>/dev/null || true
  wait_until 5 no_rclone || echo "cleanup: rclone processes left: $(rclone_pids)" >&2
}

# Installs the fixture's cleanup before lib.sh's: smbd stopped (continued first), rclone
# daemons ended; lib.sh then unmounts what is left under $T and removes $T.
smb_install_cleanup() {
  # shellcheck disable=SC2154  # _smb_rc is set inside the trap
  trap '_smb_rc=$?; smb_cleanup; (exit $_smb_rc); _mb_cleanup' EXIT
}
smb_cleanup() {
  set +e
  smb_undrop
  [ -n "${SMB_DIR:-}" ] && smb_stop
  [ -n "${T:-}" ] && rclone_kill_all
  return 0
}
