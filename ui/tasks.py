"""One way to run core calls off the GUI thread.

``TaskRunner.run(fn, on_done, on_error)`` runs ``fn`` on the runner's worker
thread and calls back on the GUI thread through a queued signal. The callable
never touches a widget. A ``LatestOnly`` ticket lets a newer request make the
answers of older ones irrelevant (typing supersedes the previous query).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

logger = logging.getLogger(__name__)


class _Relay(QObject):
    # Lives in the GUI thread; emitted from the worker, so delivery is queued.
    done = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, ticket: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.ticket = ticket
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the GUI thread's error presenter
            self.relay.failed.emit(self.ticket, exc)
        else:
            self.relay.done.emit(self.ticket, result)


class TaskRunner(QObject):
    """Runs callables on its own pool (one thread by default: reads of the
    local store are serialised, and a Session never crosses threads)."""

    task_finished = Signal()

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._next = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]] = {}

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> int:
        self._next += 1
        self._callbacks[self._next] = (on_done, on_error)
        self._pool.start(_Job(self._next, fn, self._relay))
        return self._next

    def pending(self) -> int:
        return len(self._callbacks)

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_done(self, ticket: int, result: object) -> None:
        on_done, _ = self._callbacks.pop(ticket)
        try:
            on_done(result)
        finally:
            self.task_finished.emit()

    @Slot(int, object)
    def _on_failed(self, ticket: int, exc: object) -> None:
        _, on_error = self._callbacks.pop(ticket)
        try:
            on_error(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))
        finally:
            self.task_finished.emit()


class LatestOnly:
    """Numbers requests so that only the newest one's answer is used."""

    def __init__(self) -> None:
        self._current = 0

    def next(self) -> int:
        self._current += 1
        return self._current

    def is_current(self, ticket: int) -> bool:
        return ticket == self._current
