"""A window while slow work runs before the main one: what is being done, and how far.

``quaythu demo``'s first run builds a demo city, loads it into the embedded central and
syncs the counter — minutes on a small machine. Launched from a shortcut it must not
look dead: this window is up as soon as Qt is, says the step in Vietnamese with a
percentage, and the work runs on a thread of its own (the window never waits on it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from ui.plumbing.qapp import make_qapplication

T = TypeVar("T")
#: what the work calls: (what it is doing, per cent done)
Report = Callable[[str, float], None]


class StartupCancelled(Exception):
    """The person closed the window before the work was done."""


class _Relay(QObject):
    progressed = Signal(str, int)
    finished = Signal()


class StartupWindow(QWidget):
    """The steps of a slow start, with a progress bar. Closing it (Esc, ×, Alt+F4) stops
    the start: the program ends instead of working on without a window."""

    cancelled = Signal()

    def __init__(self, title: str) -> None:
        super().__init__()
        #: set once the work is over: closing the window then is not a cancellation
        self.done = False
        self.setObjectName("startupWindow")
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Đang chuẩn bị, xin chờ trong giây lát…"))
        heading.setObjectName("startupHeading")
        self.stage = QLabel(self.tr("Bắt đầu"))
        self.stage.setObjectName("startupStage")
        self.stage.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setFormat("%p%")
        layout.addWidget(heading)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        #: every (step, per cent) shown, in order (what a test or a support log reads)
        self.history: list[tuple[str, int]] = []
        QShortcut(QKeySequence("Esc"), self, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.done:
            self.cancelled.emit()
        super().closeEvent(event)

    def show_progress(self, what: str, percent: int) -> None:
        percent = max(self.bar.value(), min(100, percent))  # never goes back
        self.stage.setText(what)
        self.bar.setValue(percent)
        if not self.history or self.history[-1] != (what, percent):
            self.history.append((what, percent))


class _Outcome(Generic[T]):
    def __init__(self) -> None:
        self.value: T | None = None
        self.error: BaseException | None = None
        #: set by the worker before it says it finished (its thread may still be ending)
        self.over = False


#: the last start's window (tests read its history after it closed)
last_window: StartupWindow | None = None


def run_with_progress(title: str, work: Callable[[Report], T]) -> T:
    """Show the window, run ``work(report)`` on a thread, return its result (or raise its
    exception here); the window closes when it is done."""
    global last_window
    make_qapplication()
    window = last_window = StartupWindow(title)
    relay = _Relay()
    relay.progressed.connect(window.show_progress, Qt.ConnectionType.QueuedConnection)
    loop = QEventLoop()
    relay.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    window.cancelled.connect(loop.quit)
    outcome: _Outcome[T] = _Outcome()

    def report(what: str, percent: float) -> None:
        relay.progressed.emit(what, int(percent))

    def run() -> None:
        try:
            outcome.value = work(report)
        except BaseException as exc:  # raised again on the GUI thread below
            outcome.error = exc
        finally:
            outcome.over = True
            relay.finished.emit()

    window.show()
    window.raise_()
    worker = threading.Thread(target=run, name="startup", daemon=True)
    worker.start()
    loop.exec()
    # the window was closed first: the work is left to the exit. (Not is_alive(): the
    # worker's thread can still be returning after it said it finished.)
    if not outcome.over:
        raise StartupCancelled
    worker.join()
    window.done = True
    window.close()
    if outcome.error is not None:
        raise outcome.error
    return outcome.value  # type: ignore[return-value]  # set whenever no error was
