"""Child processes that fault tests kill by events, never by the clock.

A child prints a line after each thing it committed (a payment, a push
batch's answers, a pulled page); the test kills it right after the N-th
line, so the same kill lands at the same point of the work however fast or
loaded the machine is. The time bound only stops a child that hangs.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Killed:
    lines: list[str]
    #: True when the child was killed, False when it finished before the N-th line
    killed: bool
    returncode: int


def kill_after_lines(cmd: Sequence[str], lines: int, *, env: dict[str, str] | None = None,
                     timeout: float = 120.0) -> Killed:
    """Run ``cmd``; SIGKILL it right after its ``lines``-th line of standard output."""
    proc = subprocess.Popen(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env)
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    seen: list[str] = []
    buffer = b""
    deadline = time.monotonic() + timeout
    killed = False
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while len(seen) < lines:
            left = deadline - time.monotonic()
            if left <= 0:
                break  # a hung child: killed below, and the caller sees too few lines
            if not sel.select(left):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break  # the child ended before its N-th line
            buffer += chunk
            *done, buffer = buffer.split(b"\n")
            seen += [d.decode("utf-8", "replace") for d in done]
            if len(seen) >= lines and proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
    if proc.poll() is None and not killed:
        os.kill(proc.pid, signal.SIGKILL)
        killed = True
    rest, _ = proc.communicate(timeout=60)
    tail = (buffer + (rest or b"")).decode("utf-8", "replace").splitlines()
    # what the child wrote before it died still counts: it was printed after its commit
    return Killed(seen + [t for t in tail if t], killed, proc.returncode)
