"""One way to run core calls off the GUI thread.

``Tasks`` is the window's task manager (Anki's ``aqt/taskman.py``): store
work on one thread (reads and writes of the local store are serialised, and
a Session never crosses threads), network calls on a small pool, and the
printer on the core's own printer thread. ``tasks.run(fn, on_done)`` runs
``fn`` on the store lane; each lane calls back on the GUI thread through a
queued signal. The callable never touches a widget. A failure goes to the
given ``on_error`` or, by default, to the one error presenter.

A ``LatestOnly`` ticket lets a newer request make the answers of older ones
irrelevant (typing supersedes the previous query).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.app import App

logger = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class _Relay(QObject):
    # Lives in the GUI thread; emitted from a worker, so delivery is queued.
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
            self._tell(self.relay.failed, exc)
        else:
            self._tell(self.relay.done, result)

    def _tell(self, signal: Any, value: object) -> None:
        try:
            signal.emit(self.ticket, value)
        except RuntimeError:
            # the window that asked was closed and deleted meanwhile: nobody to tell (the
            # work itself is done and committed; what it shows is read again when opened)
            logger.info("a task finished after its window was gone")


def _present(owner: QObject | None) -> OnError:
    """The default failure handler: the one presenter, over the nearest window."""
    from ui.plumbing.errors import presenter

    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    widget = owner if isinstance(owner, QWidget) else None
    return presenter(widget)


def _ignore(_result: object) -> None:
    return None


class _Lane(QObject):
    """Callbacks on the GUI thread for work done elsewhere."""

    task_finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._next = 0
        self._callbacks: dict[int, tuple[OnDone, OnError]] = {}

    def _ticket(self, on_done: OnDone | None, on_error: OnError | None) -> int:
        self._next += 1
        self._callbacks[self._next] = (on_done or _ignore, on_error or _present(self.parent()))
        return self._next

    def pending(self) -> int:
        return len(self._callbacks)

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


class TaskRunner(_Lane):
    """Runs callables on its own pool (one thread by default)."""

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)

    def run(self, fn: Callable[[], Any], on_done: OnDone | None = None,
            on_error: OnError | None = None) -> int:
        ticket = self._ticket(on_done, on_error)
        self._pool.start(_Job(ticket, fn, self._relay))
        return ticket

    def wait(self, msecs: int = 5000) -> bool:
        return self._pool.waitForDone(msecs)


class PrinterLane(_Lane):
    """Work for the printer, on the core's one printer thread (``app.printer``)."""

    def __init__(self, app: App, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = app.printer

    def run(self, fn: Callable[[], Any], on_done: OnDone | None = None,
            on_error: OnError | None = None) -> int:
        ticket = self._ticket(on_done, on_error)
        relay = self._relay

        def finished(future: Future[Any]) -> None:
            exc = future.exception()
            try:
                if exc is not None:
                    relay.failed.emit(ticket, exc)
                else:
                    relay.done.emit(ticket, future.result())
            except RuntimeError:  # the window that asked is gone (as in _Job._tell)
                logger.info("a printer task finished after its window was gone")

        self._worker.submit(fn).add_done_callback(finished)
        return ticket

    def wait(self, msecs: int = 5000) -> bool:
        return self._worker.wait_idle(msecs / 1000)


class Tasks(QObject):
    """The window's lanes: ``store`` (one thread), ``network`` (a pool), ``printer``.

    ``run`` is the store lane's: most of what a screen asks is the local store.
    """

    def __init__(self, app: App, parent: QObject | None = None, *,
                 network_threads: int = 4) -> None:
        super().__init__(parent)
        self.store = TaskRunner(self, 1)
        self.network = TaskRunner(self, network_threads)
        self.printer = PrinterLane(app, self)
        self.task_finished = self.store.task_finished

    def run(self, fn: Callable[[], Any], on_done: OnDone | None = None,
            on_error: OnError | None = None) -> int:
        return self.store.run(fn, on_done, on_error)

    def pending(self) -> int:
        return self.store.pending() + self.network.pending() + self.printer.pending()

    def wait(self, msecs: int = 5000) -> bool:
        return self.store.wait(msecs) and self.network.wait(msecs)


class LatestOnly:
    """Numbers requests so that only the newest one's answer is used."""

    def __init__(self) -> None:
        self._current = 0

    def next(self) -> int:
        self._current += 1
        return self._current

    def is_current(self, ticket: int) -> bool:
        return ticket == self._current
