#!/usr/bin/env bash
# The broker keeps passwords out of core dumps and away from other processes of its user: it
# sets RLIMIT_CORE to 0 (soft and hard) and makes itself not dumpable at start. Seen from
# outside: /proc/PID/limits of the root broker, and for a broker run as nobody, its /proc files
# belong to root, so nobody cannot read its environment or memory (they would be nobody's if
# the broker were dumpable).
. "$(dirname "$0")/lib.sh"
mb_setup
chmod 0755 "$T"

core_limit() { awk '/^Max core file size/ {print $5, $6}' "/proc/$1/limits"; }

# ---- the root broker, socket-activated as usual
write_config
start_holder
pid=$(version_pid "$(mctl version)")
[ -n "$pid" ] || fail "no broker pid in mountctl version"
assert_eq "$(core_limit "$pid")" "0 0" "the root broker's core file size limit (soft hard)"
ok "the root broker runs with RLIMIT_CORE 0 0"

# ---- a broker run as nobody: its /proc files are root's when it is not dumpable
install -d -o nobody -m 0700 "$T/nobody" "$T/nobody/state"
cat >"$T/nobody/config.toml" <<EOF
[broker]
idle_exit_sec = 60
state_dir = "$T/nobody/state"
EOF
chmod 0644 "$T/nobody/config.toml"
start_bg setpriv --reuid=nobody --regid=nogroup --clear-groups "$BROKER" \
  --config "$T/nobody/config.toml" --state-dir "$T/nobody/state" --listen "$T/nobody/sock" \
  2>>"$T/nobody.log"
npid=$BG_PID
wait_until 10 test -S "$T/nobody/sock" || fail "the broker run as nobody did not listen"
out=$(timeout 30 "$MOUNTCTL" --socket "$T/nobody/sock" version) || fail "version from the nobody broker"
assert_eq "$(version_pid "$out")" "$npid" "the broker run as nobody is the process started"
assert_eq "$(stat -c %U "/proc/$npid/environ")" root "owner of /proc/PID/environ of the broker run as nobody"
rc=0
runuser -u nobody -- cat "/proc/$npid/environ" >/dev/null 2>&1 || rc=$?
[ "$rc" != 0 ] || fail "nobody can read the environment of its own broker: it is dumpable"
assert_eq "$(core_limit "$npid")" "0 0" "the nobody broker's core file size limit"
ok "a broker run as nobody is not dumpable: its /proc files are root's, nobody cannot read them"
stop_bg "$npid"
