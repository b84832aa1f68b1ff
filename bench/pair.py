#!/usr/bin/env python3
"""Times command A against its yardstick B in one run, interleaved A B A B ..., and prints the
ratio A/B pair by pair (median, min, max). A machine that slows down or speeds up during the
run moves both halves of a pair alike, so the ratio holds where absolute times do not.

  pair.py [--runs N] [--warmup W] [--label TEXT] [--prep-a SHELL] [--prep-b SHELL]
          [--row TEXT] [--target TEXT] -- A ARGS... --vs B ARGS...

Each command is started with posix_spawn (no shell, stdout and stderr to /dev/null) and
timed wall clock from just before the spawn to the end of wait4 (time.perf_counter_ns);
the kernel's accounting of the child's user + sys CPU is printed too (its max RSS is not:
with posix_spawn's vfork it would count this Python process's pages). --prep-a /
--prep-b: a shell command run (untimed) before every run of A / B, for example one that
waits until the broker of the previous run has exited so that every A is a cold start; a
prep that fails ends the benchmark. A command that exits non-zero ends it too: a ratio of
failures means nothing.

--row: prints a last line "row<TAB>TEXT<TAB>A/B median<TAB>TARGET" that run_all.sh collects.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def spawn_timed(argv):
    devnull = os.open(os.devnull, os.O_RDWR)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
               (os.POSIX_SPAWN_DUP2, devnull, 2)]
    try:
        t0 = time.perf_counter_ns()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter_ns()
    finally:
        os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"pair.py: {' '.join(argv)} exited {code}")
    return t1 - t0, ru.ru_utime + ru.ru_stime


def prep(cmd):
    if cmd and subprocess.run(["bash", "-c", cmd]).returncode != 0:
        sys.exit(f"pair.py: prep failed: {cmd}")


def summary(values, unit, scale):
    s = sorted(values)
    return (f"median {statistics.median(s) * scale:.3f} {unit} "
            f"(min {s[0] * scale:.3f}, max {s[-1] * scale:.3f})")


def main():
    ap = argparse.ArgumentParser(add_help=True)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--label", default="")
    ap.add_argument("--prep-a", default="")
    ap.add_argument("--prep-b", default="")
    ap.add_argument("--row", default="")
    ap.add_argument("--target", default="")
    ap.add_argument("rest", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    if "--vs" not in rest:
        sys.exit("pair.py: usage: ... -- A ARGS --vs B ARGS")
    i = rest.index("--vs")
    a, b = rest[:i], rest[i + 1:]
    if not a or not b:
        sys.exit("pair.py: both commands are needed")

    wall_a, wall_b, cpu_a, cpu_b, ratios = [], [], [], [], []
    for n in range(args.warmup + args.runs):
        prep(args.prep_a)
        ta, ca = spawn_timed(a)
        prep(args.prep_b)
        tb, cb = spawn_timed(b)
        if n < args.warmup:
            continue
        wall_a.append(ta)
        wall_b.append(tb)
        cpu_a.append(ca)
        cpu_b.append(cb)
        ratios.append(ta / tb)

    label = args.label or " ".join(a)
    print(f"{label}: {args.runs} pairs A B A B ... after {args.warmup} warm-up pairs")
    print(f"  A {' '.join(a)}")
    print(f"    wall {summary(wall_a, 'ms', 1e-6)}; cpu {summary(cpu_a, 'ms', 1e3)}")
    print(f"  B {' '.join(b)}")
    print(f"    wall {summary(wall_b, 'ms', 1e-6)}; cpu {summary(cpu_b, 'ms', 1e3)}")
    med = statistics.median(ratios)
    print(f"  A/B wall, pair by pair: median {med:.2f}x (min {min(ratios):.2f}, "
          f"max {max(ratios):.2f})")
    if args.row:
        print(f"row\t{args.row}\t{med:.2f}x (A {statistics.median(wall_a) * 1e-6:.1f} ms, "
              f"B {statistics.median(wall_b) * 1e-6:.1f} ms)\t{args.target}")


if __name__ == "__main__":
    main()
