"""Work the cashier does not wait for yields the processor to work they do.

A first sync, a quick check or a backup runs on its own thread in the window's own
process. Python lets one thread run at a time, and a counter PC has two cores shared
with the printer spooler, the antivirus and the browser: at the same priority the sync
thread takes its turns while a search the cashier is waiting for queues behind it.
Lowered, the scheduler hands the core (and so the interpreter) to the search first and
to the sync in what is left; the sync still runs, only later.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)

#: the nice value of a background thread on Linux and macOS (0 is normal, 19 the lowest)
NICE = 10
#: Windows' THREAD_PRIORITY_BELOW_NORMAL and BELOW_NORMAL_PRIORITY_CLASS
_WINDOWS_BELOW_NORMAL = -1
_WINDOWS_BELOW_NORMAL_CLASS = 0x4000


def lower_this_thread() -> bool:
    """Lower the calling thread's scheduling priority; False where the system would not.

    Only the calling thread: the window's thread and the search lane keep theirs."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            return bool(kernel32.SetThreadPriority(kernel32.GetCurrentThread(),
                                                   _WINDOWS_BELOW_NORMAL))
        # On Linux a thread has its own nice value, set by its id; elsewhere this
        # lowers the whole process, which a background thread must not do.
        if not sys.platform.startswith("linux"):
            return False
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), NICE))
        return True
    except (OSError, AttributeError) as exc:  # a refused priority is not worth a failure
        logger.debug("could not lower the %s thread: %s",
                     threading.current_thread().name, exc)
        return False


def this_thread_lowered() -> bool:
    """Whether the calling thread runs below the normal priority (Linux only; tests)."""
    if not sys.platform.startswith("linux"):
        return False
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) > 0


def thread(target: Callable[[], object], name: str) -> threading.Thread:
    """A daemon thread (not started) that lowers itself, then runs ``target``."""

    def run() -> None:
        lower_this_thread()
        target()

    return threading.Thread(target=run, name=name, daemon=True)


def lower_this_process() -> bool:
    """Lower the whole calling process: for a worker process that only does background
    work (the demo city growing behind the sign-in). False where the system would not."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            return bool(kernel32.SetPriorityClass(kernel32.GetCurrentProcess(),
                                                  _WINDOWS_BELOW_NORMAL_CLASS))
        os.nice(max(0, NICE - os.nice(0)))
        return True
    except (OSError, AttributeError) as exc:
        logger.debug("could not lower process %d: %s", os.getpid(), exc)
        return False
