#!/usr/bin/env bash
# The optional log file ([broker] log_file): under the socket holder, brokers come and go and
# each appends to the same file in the documented line format, besides stderr; the file is
# rotated by size and never more than log_max_files old files are kept; a reload switches
# files; a log file that cannot be opened does not stop the broker; one on a FUSE file system
# (which would hang the broker with its daemon) or locked by another broker is not used.
. "$(dirname "$0")/lib.sh"
in_private_mount_ns "$@"
mb_setup
. "$(dirname "$0")/fuse_lib.sh"

mkdir -p "$T/logs"
LOG=$T/logs/broker.log
# 0.001 MiB = 1048 bytes: about a dozen lines per file, so a few dozen requests rotate it.
log_keys() {
  echo "log_file = \"$1\""
  echo "log_max_size_mb = 0.001"
  echo "log_max_files = 2"
}
write_config "$(log_keys "$LOG")"
start_holder

# One line: local time with milliseconds and UTC offset, the pid, the level, the message.
LINE_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}[+-][0-9]{2}:[0-9]{2} mount-broker\[[0-9]+\] (trace|debug|info|warning|error|critical): .+$'

mstatus >/dev/null || fail "status failed with a log file configured"
[ -f "$LOG" ] || fail "the broker did not create $LOG"
grep -q ' info: started: systemd (listening)$' "$LOG" || fail "no start line in $LOG: $(cat "$LOG")"
ok "the broker writes its log lines to log_file"

bad=$(grep -cvE "$LINE_RE" "$LOG") || true
[ "${bad:-0}" = 0 ] || fail "lines of $LOG not in the documented format: $(grep -vE "$LINE_RE" "$LOG")"
pid=$(version_pid "$(mctl version)")
grep -qE "^[^ ]+ mount-broker\[$pid\] debug: client uid 0 pid [0-9]+: version$" "$LOG" ||
  fail "no line from broker $pid for the version request: $(tail -n 3 "$LOG")"
ok "every line has the documented format: time with zone, mount-broker[PID], level, message"

grep -q ' info: started: systemd (listening)$' "$T/broker.log" || fail "stderr lost the start line"
ok "stderr still gets the same lines (the file is in addition to it)"

assert_eq "$(stat -c '%a %u' "$LOG")" "640 0" "log file mode and owner"
ok "the log file is created 0640, owned by root"

# Many requests, across several broker instances: the file rotates, never beyond log_max_files.
for round in 1 2; do
  for _ in $(seq 40); do mstatus >/dev/null || fail "status failed while rotating"; done
  [ -f "$LOG.1" ] && [ -f "$LOG.2" ] || fail "no rotation after 40 requests: $(ls "$T/logs")"
  [ ! -e "$LOG.3" ] || fail "more than log_max_files old files: $(ls "$T/logs")"
  for f in "$LOG" "$LOG.1" "$LOG.2"; do
    size=$(stat -c %s "$f")
    [ "$size" -le 1048 ] || fail "$f is $size bytes, over log_max_size_mb"
  done
  if [ $round = 1 ]; then
    wait_until 15 no_broker_running || fail "the broker did not exit when idle"
  fi
done
[ "$(launches)" -ge 2 ] || fail "expected a second broker instance, got $(launches)"
assert_eq "$(find "$T/logs" -type f | wc -l)" 3 "files in the log directory"
ok "rotation keeps broker.log, .1 and .2 (log_max_files = 2), each under the size, across instances"

bad=$(cat "$LOG" "$LOG.1" "$LOG.2" | grep -cvE "$LINE_RE") || true
[ "${bad:-0}" = 0 ] || fail "a rotated file holds a line that is not in the format"
first=$(head -n 1 "$LOG")
prev_last=$(tail -n 1 "$LOG.1")
[[ ! "$prev_last" > "$first" ]] || fail "the rotated file is not older than the current one"
ok "rotated files hold whole lines, the older ones in .1"

# A reload that changes log_file moves the logging to the new file at once.
LOG2=$T/logs/other.log
write_config "$(log_keys "$LOG2")"
out=$(mctl reload) || fail "reload to a new log file failed: $out"
mctl version >/dev/null
wait_until 5 grep -q 'config: reloaded' "$LOG2" || fail "the new log file has no reload line"
grep -q 'client uid 0 pid [0-9]*: version$' "$LOG2" || fail "the new log file gets no new lines"
before=$(cat "$LOG" "$LOG.1" "$LOG.2" | wc -l)
mstatus >/dev/null
assert_eq "$(cat "$LOG" "$LOG.1" "$LOG.2" | wc -l)" "$before" "lines in the old log file after the reload"
ok "a reload that changes log_file switches to the new file; the old one gets nothing more"

# Two brokers on one state directory (what inetd nowait starts, one per client): the second
# waits for the state lock, and writes nothing to the file before the first has let go, not
# even the problems of its own (invalid) config, which it knows before it waits.
wait_until 15 no_broker_running || fail "the broker did not exit when idle"
LOG3=$T/logs/shared.log
write_config "$(log_keys "$LOG3")"
{ cat "$CONFIG"; echo "bogus_key = 1"; } >"$T/invalid.toml"
chmod 0644 "$T/invalid.toml"
start_bg "$BROKER" --config "$CONFIG" --state-dir "$STATE" --listen "$T/a.sock" 2>>"$T/a.log"
first=$BG_PID
wait_until 10 test -S "$T/a.sock" || fail "the first broker did not bind"
# Runs on the last good config, the first broker's, with the same log file.
start_bg "$BROKER" --config "$T/invalid.toml" --state-dir "$STATE" --listen "$T/b.sock" 2>>"$T/b.log"
second=$BG_PID
wait_until 20 test -S "$T/b.sock" || fail "the second broker never got the state lock"
wait_until 15 no_broker_running || fail "the brokers did not exit when idle"
for p in $first $second; do wait "$p" || fail "broker $p exited with status $?"; done
forget_bg "$first" "$second"
order=$(awk -v a="mount-broker[$first]" -v b="mount-broker[$second]" \
  '$2 == a {printf "A"} $2 == b {printf "B"}' "$LOG3" | tr -s AB)
assert_eq "$order" "AB" "the brokers' lines in $LOG3 (A = first, B = second)"
grep -q "mount-broker\[$first\] info: exiting$" "$LOG3" || fail "the first broker's exit is not in $LOG3"
grep -q "mount-broker\[$second\] error: .*bogus_key: unknown key" "$LOG3" ||
  fail "the second broker's config problems are not in $LOG3"
ok "a broker waiting for the state lock writes to the log file only after the previous one exited"

# A log file that cannot be opened: reported on stderr and in status; the broker goes on.
touch "$T/logs/not-a-dir"
BAD=$T/logs/not-a-dir/broker.log
write_config "$(log_keys "$BAD")"
: >"$T/broker.log"
out=$(mstatus) || fail "status failed with an unwritable log file: $out"
assert_contains "$out" "warning: cannot open log file $BAD: Not a directory; the broker goes on, logging to stderr only" \
  "status shows why there is no log file"
grep -qE "^[^ ]+ mount-broker\[[0-9]+\] error: cannot open log file $BAD: Not a directory; the broker goes on, logging to stderr only$" \
  "$T/broker.log" || fail "stderr has no clear line about the log file: $(cat "$T/broker.log")"
mctl version >/dev/null || fail "version failed with an unwritable log file"
[ ! -e "$BAD" ] || fail "a log file appeared at $BAD"
ok "a log file that cannot be opened is reported on stderr and in status, and the broker keeps working"

wait_until 15 no_broker_running || fail "the broker did not exit when idle"

# Two brokers with different state directories (so no shared state lock) and one log file:
# the first locks the file; the second says so and logs to stderr only.
LOG4=$T/logs/two.log
IDLE_EXIT=30 write_config "$(log_keys "$LOG4")"
start_bg "$BROKER" --config "$CONFIG" --state-dir "$T/state-a/" --listen "$T/a2.sock" 2>>"$T/a2.log"
first=$BG_PID
wait_until 10 test -S "$T/a2.sock" || fail "the first broker did not bind"
start_bg "$BROKER" --config "$CONFIG" --state-dir "$T/state-b/" --listen "$T/b2.sock" 2>>"$T/b2.log"
second=$BG_PID
wait_until 10 test -S "$T/b2.sock" || fail "the second broker did not bind"
out=$(timeout 30 "$MOUNTCTL" --socket "$T/b2.sock" status) || fail "status of the second broker failed: $out"
assert_contains "$out" "warning: log file $LOG4 is in use by another process (another mount-broker with a different state_dir?); give each broker its own log_file; the broker goes on, logging to stderr only" \
  "status of the second broker"
grep -q "error: log file $LOG4 is in use by another process" "$T/b2.log" ||
  fail "the second broker's stderr does not say the log file is in use: $(cat "$T/b2.log")"
timeout 30 "$MOUNTCTL" --socket "$T/a2.sock" version >/dev/null || fail "version of the first broker failed"
grep -q "mount-broker\[$first\] debug: client uid 0 pid [0-9]*: version$" "$LOG4" ||
  fail "the first broker does not write to $LOG4: $(cat "$LOG4")"
! grep -q "mount-broker\[$second\]" "$LOG4" || fail "the second broker wrote to $LOG4"
stop_bg "$first"
stop_bg "$second"
ok "of two brokers with different state directories and one log_file, only the first writes to it"

# A log file on a FUSE file system (bindfs here; sshfs, a managed share, ...) is refused: a
# daemon that stops answering would hang the broker on its next line.
if command -v bindfs >/dev/null; then
  mkdir -p "$T/fuse-src" "$T/fuse-mnt"
  bindfs "$T/fuse-src" "$T/fuse-mnt" || fail "bindfs failed"
  FUSE_LOG=$T/fuse-mnt/broker.log
  write_config "$(log_keys "$FUSE_LOG")"
  : >"$T/broker.log"
  out=$(mstatus) || fail "status failed with a log file on FUSE: $out"
  assert_contains "$out" "warning: log file $FUSE_LOG is on a FUSE file system, which would hang the broker when its server stops answering; put log_file on a local disk; the broker goes on, logging to stderr only" \
    "status shows why the FUSE log file is not used"
  grep -q "error: log file $FUSE_LOG is on a FUSE file system" "$T/broker.log" ||
    fail "stderr has no line about the FUSE log file: $(cat "$T/broker.log")"
  mctl version >/dev/null || fail "version failed with a log file on FUSE"
  [ ! -s "$T/fuse-src/broker.log" ] || fail "log lines were written through FUSE: $(cat "$T/fuse-src/broker.log")"
  wait_until 15 no_broker_running || fail "the broker did not exit when idle"
  umount "$T/fuse-mnt" || fail "cannot unmount $T/fuse-mnt"
  ok "a log file on a FUSE file system is refused, on stderr and in status; the broker keeps working"
else
  echo "SKIP: bindfs is not installed (log file on FUSE)"
fi

ok "no broker is left running"
