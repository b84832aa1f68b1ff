#!/usr/bin/env bash
# Benchmark (prints figures; not a test, not registered with ctest): `mountctl status` round
# trip under tests/socket_holder with a config of $MOUNTS "command" mounts.
#
#   bench/status_roundtrip.sh [BUILD_DIR]        BUILD_DIR defaults to $MB_BIN, else ./build
#
#   COLD_N=25   cold samples (the broker is not running), for mountctl and again for a raw socket
#   WARM_N=200  warm samples with mountctl (the broker is running)
#   RAW_N=1000  warm samples with a raw socket request from python3 (no mountctl process)
#   MOUNTS=10   [[mount]] entries in the config
#   TIMELINE_N=10  cold raw samples traced with perf tracepoints, to show where the cold start's
#               time goes (0 to skip; needs perf, root, x86_64)
#
# Cold: before each sample the previous broker must have exited (idle exit 1 s) and been
# reaped by the holder; each sample must cause exactly one launch. Warm: one launch for the
# whole phase (idle exit 300 s). Times are wall clock from just before the spawn of mountctl
# (or the connect of the raw socket) to its exit (or the reply's last byte), measured with
# time.perf_counter_ns. Also prints spawn baselines (/bin/true, `mount-broker --version`,
# `mount-broker --check-config`, `mountctl --help`) so the cold figure can be decomposed.
#
# Everything lives in a mktemp dir under /tmp; the holder and perf it started, and any broker
# or mountctl whose command line names that dir, are ended by pid at exit; the dir is removed.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
COLD_N=${COLD_N:-25}
WARM_N=${WARM_N:-200}
RAW_N=${RAW_N:-1000}
MOUNTS=${MOUNTS:-10}
TIMELINE_N=${TIMELINE_N:-10}
bench_setup "${1:-}"
HOLDER_PID=
PERF_PID=
PY_PID=

# Processes named $1 whose command line mentions this run's temp dir.
own_pids() {
  local p
  for p in $(pgrep -x "$1" || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$T/" && echo "$p"
  done
  return 0
}

stop_perf() {
  [ -n "$PERF_PID" ] || return 0
  kill -INT "$PERF_PID" 2>/dev/null || true  # perf writes its data and exits
  for _ in $(seq 100); do kill -0 "$PERF_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$PERF_PID" 2>/dev/null || true
  wait "$PERF_PID" 2>/dev/null || true
  PERF_PID=
}

stop_holder() {
  [ -n "$HOLDER_PID" ] || return 0
  kill -TERM "$HOLDER_PID" 2>/dev/null || true  # the holder stops its broker (SIGTERM, wait)
  for _ in $(seq 50); do kill -0 "$HOLDER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$HOLDER_PID" 2>/dev/null || true
  wait "$HOLDER_PID" 2>/dev/null || true
  HOLDER_PID=
}

cleanup() {
  local rc=$?
  if [ -n "$PY_PID" ]; then
    kill -TERM "$PY_PID" 2>/dev/null || true
    wait "$PY_PID" 2>/dev/null || true
  fi
  stop_perf
  stop_holder
  for p in $(own_pids mountctl) $(own_pids mount-broker); do kill -KILL "$p" 2>/dev/null || true; done
  if [ $rc -ne 0 ] && [ -s "$T/broker.log" ]; then
    echo "--- broker log (last 20 lines)" >&2
    tail -n 20 "$T/broker.log" >&2
  fi
  rm -rf "$T"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# harness MODE ARGS...: the python3 part, run in the background and waited for, so that a
# signal to this script is handled at once rather than when python exits.
harness() {
  python3 "$T/harness.py" "$@" &
  PY_PID=$!
  local rc=0
  wait "$PY_PID" || rc=$?
  PY_PID=
  return $rc
}

# start_holder IDLE_SEC EVENTS_FILE
start_holder() {
  "$HOLDER" --socket "$SOCK" --events "$2" -- \
    "$BROKER" --config "$CONFIG" --state-dir "$STATE" --idle-exit "$1" 2>>"$T/broker.log" &
  HOLDER_PID=$!
  for _ in $(seq 100); do [ -S "$SOCK" ] && return 0; sleep 0.1; done
  echo "socket holder did not create $SOCK" >&2
  exit 1
}

bench_write_config 1
"$BROKER" --check-config "$CONFIG" >/dev/null || { echo "config rejected" >&2; exit 1; }

cat >"$T/harness.py" <<'PY'
import math, os, socket, subprocess, sys, time

REQUEST = b'{"v": 1,"id": 1,"op": "status"}\n'

def pct(sorted_ns, p):
    return sorted_ns[max(0, math.ceil(p / 100 * len(sorted_ns)) - 1)]

def report(label, samples):
    s = sorted(samples)
    ms = lambda v: f"{v / 1e6:8.3f}"
    print(f"{label:<44} n={len(s):<5} min {ms(s[0])}  median {ms(pct(s, 50))}  "
          f"p90 {ms(pct(s, 90))}  max {ms(s[-1])}  mean {ms(sum(s) / len(s))}  (ms)", flush=True)

def run(argv):
    t0 = time.perf_counter_ns()
    r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    t1 = time.perf_counter_ns()
    if r.returncode != 0:
        sys.exit(f"{argv} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
    return t1 - t0

def raw(sock_path):
    t0 = time.perf_counter_ns()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(sock_path)
        s.sendall(REQUEST)
        buf = b""
        while not buf.endswith(b"\n"):
            chunk = s.recv(65536)
            if not chunk:
                sys.exit("raw: connection closed before a full reply")
            buf += chunk
    t1 = time.perf_counter_ns()
    return t1 - t0, buf

def check_reply(buf, mounts):
    text = buf.decode()
    if '"ok": true' not in text or text.count('"name":') != mounts:
        sys.exit(f"unexpected reply: {text[:300]}")

def events(path):
    launches = exits = bad = 0
    try:
        with open(path) as f:
            for line in f:
                w = line.split()
                if w and w[0] == "launch": launches += 1
                if w and w[0] == "exit":
                    exits += 1
                    if w[2] != "0": bad += 1
    except FileNotFoundError:
        pass
    return launches, exits, bad

def own_brokers(tdir):
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit(): continue
        try:
            with open(f"/proc/{p}/comm") as f:
                if f.read().strip() != "mount-broker": continue
            with open(f"/proc/{p}/cmdline", "rb") as f:
                if (tdir + "/").encode() in f.read(): out.append(int(p))
        except OSError:
            pass
    return out

def wait_no_broker(tdir, ev, limit=15.0):
    deadline = time.monotonic() + limit
    while True:
        l, e, _ = events(ev)
        if l == e and not own_brokers(tdir):
            return
        if time.monotonic() > deadline:
            sys.exit(f"a broker was still running after {limit} s")
        time.sleep(0.02)

def main():
    mode = sys.argv[1]
    if mode == "baseline":
        n, broker, mountctl, config = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
        for label, argv in [("spawn /bin/true", ["/bin/true"]),
                            ("spawn mount-broker --version", [broker, "--version"]),
                            ("spawn mount-broker --check-config", [broker, "--check-config", config]),
                            ("spawn mountctl --help", [mountctl, "--help"])]:
            for _ in range(3): run(argv)
            report(label, [run(argv) for _ in range(n)])
    elif mode == "cold":
        n, tdir, sock, ev, mountctl, mounts = (int(sys.argv[2]), sys.argv[3], sys.argv[4],
                                               sys.argv[5], sys.argv[6], int(sys.argv[7]))
        ctl, rawt = [], []
        for kind in ("mountctl", "raw"):
            for _ in range(n):
                wait_no_broker(tdir, ev)
                time.sleep(0.1)  # let the holder return to poll() on the listening socket
                before = events(ev)[0]
                if kind == "mountctl":
                    ctl.append(run([mountctl, "--socket", sock, "status"]))
                else:
                    dt, buf = raw(sock)
                    check_reply(buf, mounts)
                    rawt.append(dt)
                after = events(ev)[0]
                if after != before + 1:
                    sys.exit(f"expected one launch per cold sample, got {after - before}")
        wait_no_broker(tdir, ev)
        report("cold: mountctl status (spawn..exit)", ctl)
        report("cold: raw socket status (connect..reply)", rawt)
        l, e, bad = events(ev)
        print(f"cold: {l} broker launches, {e} exits, {bad} non-zero exits")
    elif mode == "timeline-run":
        n, tdir, sock, ev, mounts, out = (int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5],
                                          int(sys.argv[6]), sys.argv[7])
        with open(out, "w") as f:
            for _ in range(n):
                wait_no_broker(tdir, ev)
                time.sleep(0.1)
                t0 = time.monotonic_ns()  # CLOCK_MONOTONIC, as perf record -k CLOCK_MONOTONIC
                _, buf = raw(sock)
                t1 = time.monotonic_ns()
                check_reply(buf, mounts)
                f.write(f"{t0} {t1}\n")
        wait_no_broker(tdir, ev)
    elif mode == "timeline-report":
        timeline(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif mode == "warm":
        n, rawn, sock, ev, mountctl, mounts = (int(sys.argv[2]), int(sys.argv[3]), sys.argv[4],
                                               sys.argv[5], sys.argv[6], int(sys.argv[7]))
        run([mountctl, "--socket", sock, "status"])  # starts the broker
        for _ in range(10): run([mountctl, "--socket", sock, "status"])
        launches = events(ev)[0]
        report("warm: mountctl status (spawn..exit)",
               [run([mountctl, "--socket", sock, "status"]) for _ in range(n)])
        raws = []
        for i in range(rawn + 20):
            dt, buf = raw(sock)
            if i == 0: check_reply(buf, mounts)
            if i >= 20: raws.append(dt)
        report("warm: raw socket status (connect..reply)", raws)
        if events(ev)[0] != launches:
            sys.exit("the broker was relaunched during the warm phase")
        print(f"warm: all samples answered by one broker instance; reply size {len(buf)} bytes")

# ---- cold-start timeline from perf tracepoints (raw_syscalls, sched_process_exec; x86_64)
SYSCALLS = {0: "read", 1: "write", 3: "close", 4: "stat", 5: "fstat", 8: "lseek", 9: "mmap",
            10: "mprotect", 11: "munmap", 12: "brk", 13: "rt_sigaction", 14: "rt_sigprocmask",
            16: "ioctl", 17: "pread64", 18: "pwrite64", 20: "writev", 39: "getpid", 41: "socket",
            42: "connect", 43: "accept", 44: "sendto", 45: "recvfrom", 46: "sendmsg",
            47: "recvmsg", 48: "shutdown", 55: "getsockopt", 72: "fcntl", 73: "flock", 74: "fsync",
            75: "fdatasync", 77: "ftruncate", 82: "rename", 83: "mkdir", 89: "readlink",
            202: "futex", 217: "getdents64", 228: "clock_gettime", 232: "epoll_wait",
            233: "epoll_ctl", 257: "openat", 262: "newfstatat", 283: "timerfd_create",
            286: "timerfd_settime", 288: "accept4", 290: "eventfd2", 291: "epoll_create1",
            293: "pipe2", 302: "prlimit64", 316: "renameat2", 318: "getrandom", 332: "statx"}
FORK = {56, 57, 58, 435}

def parse_perf(path):
    import re
    ev = re.compile(r"^\s*(\d+)\s+(\d+\.\d+):\s+(\S+):\s+(.*)$")
    out = []  # (t_ns, tid, kind, nr, arg0)
    with open(path, errors="replace") as f:
        for line in f:
            m = ev.match(line)
            if not m: continue
            tid, t, name, rest = int(m[1]), m[2], m[3], m[4]
            sec, frac = t.split(".")
            t_ns = int(sec) * 10**9 + int(frac.ljust(9, "0")[:9])
            if name == "sched:sched_process_exec":
                out.append((t_ns, tid, "exec", -1, rest.split()[0].split("=", 1)[-1]))
            elif name in ("raw_syscalls:sys_enter", "raw_syscalls:sys_exit"):
                w = rest.split()
                nr = int(w[1])
                arg0 = w[2].strip("(,") if name.endswith("enter") and len(w) > 2 else ""
                out.append((t_ns, tid, "enter" if name.endswith("enter") else "exit", nr, arg0))
    out.sort()
    return out

def timeline(perf_txt, clients_txt, holder_pid):
    events = parse_perf(perf_txt)
    clients = [tuple(map(int, l.split())) for l in open(clients_txt) if l.strip()]
    phases = ["client connect -> holder fork()",
              "fork() -> exec of mount-broker done",
              "exec -> dynamic loader done (munmap of ld.so.cache)",
              "loader done -> main() (library + static constructors)",
              "main() -> state lock (args, logging, config load)",
              "state lock -> accept() (state, mount table, reconcile, setup)",
              "accept() -> reply sent (the status request)",
              "reply sent -> client has the whole reply",
              "total (client connect -> reply received)"]
    per_phase = [[] for _ in phases]
    per_sys = {}
    in_sys, outside = [], []
    complete = 0
    for t0, t1 in clients:
        window = [e for e in events if t0 <= e[0] <= t1 + 5_000_000]
        execs = [e for e in window if e[2] == "exec" and e[4].endswith("/mount-broker")]
        if not execs: continue
        E, bpid = execs[0][0], execs[0][1]
        forks = [e[0] for e in window if e[1] == holder_pid and e[2] == "enter" and e[3] in FORK
                 and e[0] <= E]
        mine = [e for e in window if e[1] == bpid and e[0] >= E]
        def first(nrs, after, pred=lambda e: True):
            for e in mine:
                if e[0] > after and e[2] == "enter" and e[3] in nrs and pred(e): return e[0]
            return None
        L = first({11}, E)
        M = L and first({13}, L)
        K = M and first({73}, M)
        A = K and first({43, 288}, K)
        R = A and first({44, 46, 1, 20}, A, lambda e: e[4] not in ("1", "2"))
        marks = [t0, forks[-1] if forks else None, E, L, M, K, A, R, t1]
        if any(m is None for m in marks): continue
        complete += 1
        for i in range(len(marks) - 1): per_phase[i].append(marks[i + 1] - marks[i])
        per_phase[-1].append(t1 - t0)
        # time inside syscalls between exec and the reply, by syscall
        open_enter, sums = {}, {}
        for e in mine:
            if e[0] > R: break
            if e[2] == "enter": open_enter[e[3]] = e[0]
            elif e[2] == "exit" and e[3] in open_enter:
                sums[e[3]] = sums.get(e[3], 0) + e[0] - open_enter.pop(e[3])
        for nr, d in sums.items(): per_sys.setdefault(nr, []).append(d)
        in_sys.append(sum(sums.values()))
        outside.append(R - E - in_sys[-1])
    if not complete:
        print("timeline: no complete sample (the broker's startup sequence changed?)")
        return
    med = lambda v: sorted(v)[(len(v) - 1) // 2] / 1e6
    print(f"cold-start timeline under perf tracepoints: {complete} of {len(clients)} samples "
          f"complete; median / max per phase (ms)")
    for name, v in zip(phases, per_phase):
        print(f"  {name:<62} {med(v):7.3f}  / {max(v) / 1e6:7.3f}")
    print(f"  exec -> reply sent: inside syscalls {med(in_sys):.3f}, outside (user code, page "
          f"faults, waiting for a CPU) {med(outside):.3f}")
    padded = {nr: v + [0] * (complete - len(v)) for nr, v in per_sys.items()}
    top = sorted(padded.items(), key=lambda kv: -med(kv[1]))[:6]
    print("  slowest syscalls exec -> reply sent, total per sample, median / max (ms): " +
          ", ".join(f"{SYSCALLS.get(nr, 'NR %d' % nr)} {med(v):.3f} / {max(v) / 1e6:.3f}"
                    for nr, v in top))

main()
PY

echo "# mount-broker status round trip   $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "# binaries: $MB_BIN ($(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$MB_BIN/CMakeCache.txt" 2>/dev/null))"
echo "# machine: nproc $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), kernel $(uname -r)"
echo "# mounts in config: $MOUNTS; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

harness baseline 50 "$BROKER" "$MOUNTCTL" "$CONFIG"

start_holder 1 "$T/events-cold.log"
harness cold "$COLD_N" "$T" "$SOCK" "$T/events-cold.log" "$MOUNTCTL" "$MOUNTS"
stop_holder

# Where the cold start's time goes: the same cold raw request, traced with perf tracepoints
# (syscall enter/exit and exec of the holder and its brokers; no ptrace, so little overhead).
if [ "$TIMELINE_N" -gt 0 ]; then
  if ! command -v perf >/dev/null || [ "$(uname -m)" != x86_64 ] || [ "$(id -u)" != 0 ]; then
    echo "timeline: skipped (needs perf, x86_64 and root)"
  else
    start_holder 1 "$T/events-timeline.log"
    perf record -q -k CLOCK_MONOTONIC -e raw_syscalls:sys_enter -e raw_syscalls:sys_exit \
      -e sched:sched_process_exec -o "$T/perf.data" -p "$HOLDER_PID" 2>"$T/perf.err" &
    PERF_PID=$!
    sleep 1  # perf attaches
    if kill -0 "$PERF_PID" 2>/dev/null; then
      harness timeline-run "$TIMELINE_N" "$T" "$SOCK" "$T/events-timeline.log" \
        "$MOUNTS" "$T/clients.txt"
      stop_perf
      perf script -i "$T/perf.data" --ns -F tid,time,event,trace >"$T/perf.txt" 2>/dev/null
      harness timeline-report "$T/perf.txt" "$T/clients.txt" "$HOLDER_PID"
    else
      echo "timeline: skipped, perf record failed: $(head -c 300 "$T/perf.err")"
      stop_perf
    fi
    rm -f "$T/perf.data" "$T/perf.txt"
    stop_holder
  fi
fi

start_holder 300 "$T/events-warm.log"
harness warm "$WARM_N" "$RAW_N" "$SOCK" "$T/events-warm.log" "$MOUNTCTL" "$MOUNTS"
if command -v hyperfine >/dev/null; then
  # Cross-check of the warm mountctl figure with an independent timer (no shell).
  hyperfine -N --warmup 5 --runs "$WARM_N" --export-json "$T/hf.json" \
    "$MOUNTCTL --socket $SOCK status" >/dev/null 2>"$T/hyperfine.err" ||
    { cat "$T/hyperfine.err" >&2; exit 1; }
  python3 - "$T/hf.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{'warm: mountctl status, hyperfine -N':<44} n={len(r['times']):<5} min {r['min']*1e3:8.3f}  "
      f"median {r['median']*1e3:8.3f}  max {r['max']*1e3:8.3f}  mean {r['mean']*1e3:8.3f}  (ms)")
PY
fi
stop_holder
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
