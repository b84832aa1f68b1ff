#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal of a given width, as a person's terminal would be, and
prints everything it wrote (stdout and stderr both go to the terminal), then exits with its
status. For tests of output that only appears, or is only cut, on a terminal.

    pty_run.py COLUMNS TIMEOUT_SEC CMD [ARG...]
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def main():
    columns, timeout = int(sys.argv[1]), float(sys.argv[2])
    argv = sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    out = b""
    deadline = time.monotonic() + timeout
    # Read until the child closes the terminal (EIO or EOF), or the deadline.
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    else:
        os.kill(pid, 9)
        out += b"\npty_run: killed at the deadline\n"
    _, status = os.waitpid(pid, 0)
    # The terminal turns "\n" into "\r\n"; a lone "\r" (a progress line redrawn) stays.
    sys.stdout.write(out.replace(b"\r\n", b"\n").decode("utf-8", "replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
